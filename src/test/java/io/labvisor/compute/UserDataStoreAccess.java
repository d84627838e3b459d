package io.labvisor.compute;

import io.labvisor.config.LabvisorConfig;

import java.nio.file.Path;
import java.util.Map;

/** UserDataStore over a test state folder, for tests outside this package. */
public final class UserDataStoreAccess {
    private UserDataStoreAccess() {
    }

    public static Path write(Path state, String instanceId, String userData) {
        UserDataStore store = store(state);
        store.write(instanceId, userData);
        return store.path(instanceId);
    }

    public static void fileForQemu(Path state, String instanceId) {
        store(state).file(instanceId);
    }

    private static UserDataStore store(Path state) {
        return new UserDataStore(LabvisorConfig.from(Map.of("LABVISOR_HOME", state.toString())));
    }
}
