package io.labvisor.api.actions;

import io.labvisor.ec2.Ec2Exception;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RunInstancesUserDataTest {
    @Test
    void userDataIsBase64OnTheWire() {
        assertEquals("#!/bin/sh\necho hi\n", RunInstancesAction.decodeUserData("IyEvYmluL3NoCmVjaG8gaGkK"));
        assertThrows(Ec2Exception.class, () -> RunInstancesAction.decodeUserData("not base64!"));
    }
}
