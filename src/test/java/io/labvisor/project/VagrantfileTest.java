package io.labvisor.project;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The lab-VM Vagrantfile stays valid (checked by vagrant itself where it is installed). */
class VagrantfileTest {
    @Test
    void vagrantValidatePasses() throws Exception {
        assumeTrue(new File("/usr/bin/vagrant").canExecute(), "vagrant is not installed");
        Process p = new ProcessBuilder("vagrant", "validate").directory(new File(".")).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.contains("validated successfully"), out);
    }

    @Test
    void provisionsWithTheProjectsOwnSetupScript() throws Exception {
        String vagrantfile = Files.readString(Path.of("Vagrantfile"));
        assertTrue(vagrantfile.contains("/labvisor/scripts/setup-host.sh"), "provisioning must reuse setup-host.sh");
        assertTrue(vagrantfile.contains("lv.nested = true"), "nested KVM for guests inside the lab VM");
    }
}
