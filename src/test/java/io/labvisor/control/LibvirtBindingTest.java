package io.labvisor.control;

import io.labvisor.store.Database;
import io.labvisor.store.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LibvirtBindingTest {
    @TempDir
    Path state;

    @Test
    void aStateRefusesALibvirtOtherThanTheOneItWasMadeOn() {
        try (Database db = Database.open(state.resolve("labvisor.db"))) {
            Settings settings = new Settings(db);
            LibvirtBinding.bind(settings, "qemu:///system", "lab1");
            LibvirtBinding.bind(settings, "qemu:///system", "lab1"); // the same one again: fine
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> LibvirtBinding.bind(settings, "qemu+ssh://lab2/system", "lab2"));
            assertTrue(e.getMessage().contains("qemu:///system on lab1"), e.getMessage());
            assertThrows(IllegalStateException.class, () -> LibvirtBinding.bind(settings, "qemu:///system", "lab3"));
            assertEquals(Optional.of("qemu:///system on lab1"), settings.get(LibvirtBinding.KEY), "left as it was");
        }
    }
}
