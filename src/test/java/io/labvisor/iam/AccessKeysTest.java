package io.labvisor.iam;

import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;
import io.labvisor.store.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccessKeysTest {
    @TempDir
    Path dir;
    private Database db;
    private AccessKeys keys;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("labvisor.db"));
        keys = new AccessKeys(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void createdKeysLookLikeAwsKeysAndAreDistinct() {
        NewAccessKey a = keys.create();
        NewAccessKey b = keys.create();
        assertTrue(a.key().accessKeyId().matches("AKIA[A-Z2-7]{16}"), a.key().accessKeyId());
        assertTrue(a.secretAccessKey().matches("[A-Za-z0-9+/]{40}"), "40-character secret");
        assertEquals("labvisor", a.key().userName());
        assertEquals(AccessKey.Status.ACTIVE, a.key().status());
        assertNotEquals(a.key().accessKeyId(), b.key().accessKeyId());
        assertNotEquals(a.secretAccessKey(), b.secretAccessKey());
        assertFalse(a.toString().contains(a.secretAccessKey()), "toString hides the secret");
    }

    @Test
    void listShowsKeysWithoutSecretsAndSecretsServeVerification() {
        NewAccessKey a = keys.create();
        assertEquals(List.of(a.key()), keys.list());
        assertEquals(Optional.of(a.secretAccessKey()), keys.activeSecret(a.key().accessKeyId()));
        assertEquals(Optional.empty(), keys.activeSecret("AKIAAAAAAAAAAAAAAAAA"));
        assertEquals(Optional.empty(), keys.activeSecret("not-a-key' OR 1=1"));
    }

    @Test
    void deletedKeysStopVerifyingAndDeletingTwiceIsNoSuchEntity() {
        NewAccessKey a = keys.create();
        keys.delete(a.key().accessKeyId());
        assertEquals(Optional.empty(), keys.activeSecret(a.key().accessKeyId()));
        assertEquals(List.of(), keys.list());
        Ec2Exception e = assertThrows(Ec2Exception.class, () -> keys.delete(a.key().accessKeyId()));
        assertEquals(ErrorCode.NO_SUCH_ENTITY, e.code());
    }

    @Test
    void keysSurviveReopeningTheDatabase() {
        NewAccessKey a = keys.create();
        db.close();
        db = Database.open(dir.resolve("labvisor.db"));
        assertEquals(Optional.of(a.secretAccessKey()), new AccessKeys(db).activeSecret(a.key().accessKeyId()));
    }
}
