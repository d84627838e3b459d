package io.labvisor.store;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

/** The SQLite schema, applied as numbered migrations recorded in {@code PRAGMA user_version}. */
final class Schema {
    private Schema() {
    }

    private static final List<String> MIGRATIONS = List.of(
            // 1: images, instances, volumes, settings
            """
            CREATE TABLE images (
              id TEXT PRIMARY KEY,
              name TEXT NOT NULL UNIQUE,
              description TEXT,
              architecture TEXT NOT NULL,
              boot_mode TEXT NOT NULL,
              kernel_cmdline TEXT,
              root_device_name TEXT NOT NULL,
              kernel_volume TEXT,
              ramdisk_volume TEXT,
              root_volume TEXT NOT NULL,
              root_size_gib INTEGER NOT NULL,
              block_device_mappings TEXT NOT NULL,
              manifest_sha256 TEXT NOT NULL,
              state TEXT NOT NULL,
              created_at TEXT NOT NULL
            );
            CREATE TABLE instances (
              id TEXT PRIMARY KEY,
              reservation_id TEXT NOT NULL,
              image_id TEXT NOT NULL,
              instance_type TEXT NOT NULL,
              launch_index INTEGER NOT NULL,
              state TEXT NOT NULL,
              state_reason TEXT,
              state_changed_at TEXT NOT NULL,
              launch_time TEXT NOT NULL,
              memory_mib INTEGER NOT NULL,
              vcpus INTEGER NOT NULL,
              accel TEXT NOT NULL,
              io_profile TEXT NOT NULL,
              mac TEXT NOT NULL,
              private_ip TEXT,
              network TEXT NOT NULL,
              console_log TEXT NOT NULL
            );
            CREATE INDEX instances_state ON instances(state);
            CREATE TABLE volumes (
              id TEXT PRIMARY KEY,
              size_gib INTEGER NOT NULL,
              volume_type TEXT NOT NULL,
              pool_volume TEXT NOT NULL,
              path TEXT NOT NULL,
              state TEXT NOT NULL,
              source_image_id TEXT,
              instance_id TEXT,
              device_name TEXT,
              delete_on_termination INTEGER NOT NULL DEFAULT 0,
              created_at TEXT NOT NULL
            );
            CREATE TABLE settings (
              key TEXT PRIMARY KEY,
              value TEXT NOT NULL
            );
            """,
            // 2: access keys for the EC2 Query API (the secret is kept: SigV4 verification needs it)
            """
            CREATE TABLE access_keys (
              id TEXT PRIMARY KEY,
              user_name TEXT NOT NULL,
              secret TEXT NOT NULL,
              status TEXT NOT NULL,
              created_at TEXT NOT NULL
            );
            """,
            // 3: EBS volumes of their own (performance, attachment target, source snapshot) and snapshots
            """
            ALTER TABLE volumes ADD COLUMN iops INTEGER;
            ALTER TABLE volumes ADD COLUMN throughput_mibps INTEGER;
            ALTER TABLE volumes ADD COLUMN snapshot_id TEXT;
            ALTER TABLE volumes ADD COLUMN target_dev TEXT;
            ALTER TABLE volumes ADD COLUMN attach_time TEXT;
            CREATE TABLE snapshots (
              id TEXT PRIMARY KEY,
              volume_id TEXT NOT NULL,
              size_gib INTEGER NOT NULL,
              pool_volume TEXT NOT NULL,
              path TEXT NOT NULL,
              state TEXT NOT NULL,
              created_at TEXT NOT NULL
            );
            """,
            // 4: VPCs, subnets (each an isolated libvirt network; instances.network names it) and the private
            // addresses taken in them
            """
            CREATE TABLE vpcs (
              id TEXT PRIMARY KEY,
              cidr TEXT NOT NULL,
              is_default INTEGER NOT NULL DEFAULT 0,
              created_at TEXT NOT NULL
            );
            CREATE TABLE subnets (
              id TEXT PRIMARY KEY,
              vpc_id TEXT NOT NULL REFERENCES vpcs(id),
              cidr TEXT NOT NULL,
              network TEXT NOT NULL UNIQUE,
              bridge TEXT NOT NULL,
              is_default INTEGER NOT NULL DEFAULT 0,
              created_at TEXT NOT NULL
            );
            CREATE TABLE private_ips (
              subnet_id TEXT NOT NULL REFERENCES subnets(id),
              ip TEXT NOT NULL,
              instance_id TEXT NOT NULL,
              PRIMARY KEY (subnet_id, ip)
            );
            """,
            // 5: security groups, their ingress rules, and which instances are members
            """
            CREATE TABLE security_groups (
              id TEXT PRIMARY KEY,
              vpc_id TEXT NOT NULL REFERENCES vpcs(id),
              name TEXT NOT NULL,
              description TEXT NOT NULL,
              is_default INTEGER NOT NULL DEFAULT 0,
              UNIQUE (vpc_id, name)
            );
            CREATE TABLE sg_rules (
              group_id TEXT NOT NULL REFERENCES security_groups(id),
              protocol TEXT NOT NULL,
              from_port INTEGER NOT NULL,
              to_port INTEGER NOT NULL,
              cidr TEXT,
              source_group TEXT
            );
            CREATE TABLE instance_groups (
              instance_id TEXT NOT NULL,
              group_id TEXT NOT NULL REFERENCES security_groups(id),
              PRIMARY KEY (instance_id, group_id)
            );
            """,
            // 6: tags of every taggable resource (removed with the resource)
            """
            CREATE TABLE tags (
              resource_id TEXT NOT NULL,
              resource_type TEXT NOT NULL,
              key TEXT NOT NULL,
              value TEXT NOT NULL,
              PRIMARY KEY (resource_id, key)
            );
            CREATE INDEX tags_key ON tags(key);
            """,
            // 7: outbound rules of security groups (egress = 1); groups made before it get EC2's default one
            """
            ALTER TABLE sg_rules ADD COLUMN egress INTEGER NOT NULL DEFAULT 0;
            INSERT INTO sg_rules (group_id, protocol, from_port, to_port, cidr, source_group, egress)
              SELECT id, '-1', -1, -1, '0.0.0.0/0', NULL, 1 FROM security_groups;
            """,
            // 8: each pending instance's launch deadline, pushed forward by its launcher while it works on it; the
            // reconciler gives a launch up only once it passed (rows before it fall back to state_changed_at)
            """
            ALTER TABLE instances ADD COLUMN launch_deadline TEXT;
            """,
            // 9: the intent journal: what a multi-step operation is about to do, recorded before its first side
            // effect and removed when it ends, so the next labvisord can roll an interrupted one forward or back
            """
            CREATE TABLE intents (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              kind TEXT NOT NULL,
              resources TEXT NOT NULL,
              detail TEXT NOT NULL,
              started_at TEXT NOT NULL
            );
            """);

    static void migrate(Database db) {
        db.write(c -> {
            int version;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
                version = rs.next() ? rs.getInt(1) : 0;
            }
            for (int i = version; i < MIGRATIONS.size(); i++) {
                try (Statement s = c.createStatement()) {
                    for (String statement : MIGRATIONS.get(i).split(";")) {
                        if (!statement.isBlank()) {
                            s.execute(statement);
                        }
                    }
                    s.execute("PRAGMA user_version = " + (i + 1));
                }
            }
        });
    }

    static int latestVersion() {
        return MIGRATIONS.size();
    }

}
