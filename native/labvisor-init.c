/*
 * labvisor-init: PID 1 of the labvisor-tiny AMI.
 *
 * It brings the guest up far enough to prove what the hypervisor gave it, and reports that on the serial
 * console in the line protocol of docs/CONTRACTS.md ("LABVISOR-<KEY> k=v ..."), which the host parses:
 *   mounts -> kernel modules -> BOOT -> DEV lines -> ROOT (with its boot count) -> DISK lines (other disks'
 *   marks) -> DHCP (NET) -> user data (USERDATA) -> READY -> a shell on the console.
 * Afterwards it stays PID 1: it reaps children, keeps the console shell alive, and powers the guest off
 * on the ACPI power button (what `virsh shutdown` sends) or on SIGTERM/SIGUSR2.
 *
 * Everything after the boot sequence happens in one poll() loop, so a long-running user-data script
 * never blocks the power button.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/input.h>
#include <net/if.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/klog.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define ROOT_MNT       "/mnt/root"
#define MODULES_LIST   "/etc/labvisor/modules"
#define DHCP_SCRIPT    "/etc/labvisor/udhcpc.script"
#define USERDATA_FW    "/sys/firmware/qemu_fw_cfg/by_name/opt/io.labvisor/user-data/raw"
#define USERDATA_COPY  "/run/labvisor-user-data"
#define USERDATA_DIR   ROOT_MNT "/var/lib/labvisor"
#define USERDATA_DONE  USERDATA_DIR "/user-data.done"
#define BOOT_COUNT     USERDATA_DIR "/boot-count"
#define DISK_MARK      "LABVISOR-MARK "
#define BUSYBOX        "/bin/busybox"
#define MAX_INPUTS     16
#define ROOT_WAIT_MS   5000  /* AHCI/SCSI disks appear asynchronously after their modules load */
#define RESPAWN_MS     1000  /* a shell that dies at once must not spin the CPU */
#define DHCP_WAIT_MS   15000 /* udhcpc -t 4 -T 2 gives up after ~9 s; this only guards against a hang */

static const char *const child_env[] = {
    "PATH=/usr/sbin:/usr/bin:/sbin:/bin", "HOME=/root", "TERM=vt100", "SHELL=/bin/sh", NULL};

static bool root_mounted;
static bool console_shared;              /* the shell runs: the console may hold a half-written line */
static pid_t dhcp_pid = -1;
static pid_t shell_pid = -1;
static pid_t userdata_pid = -1;
static long long dhcp_deadline = -1;    /* monotonic ms, -1 = not waiting for DHCP */
static long long shell_respawn_at = -1; /* monotonic ms, -1 = not pending */

/* ---------- small helpers ---------- */

/* snprintf that says whether it fit. Names and sysfs paths here are short, so callers may ignore it. */
__attribute__((format(printf, 3, 4))) static bool strfmt(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n >= 0 && (size_t)n < size;
}

/* One protocol line = one write(), so other console writers cannot split it. */
static void say(const char *fmt, ...)
{
    char line[1024];
    int start = console_shared ? 1 : 0; /* start on a fresh line even after a shell prompt */
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line + start, sizeof line - start - 1, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    line[0] = start ? '\n' : line[0];
    n += start;
    if (n > (int)sizeof line - 2)
        n = sizeof line - 2;
    line[n++] = '\n';
    for (int off = 0; off < n;) {
        ssize_t w = write(STDOUT_FILENO, line + off, n - off);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return;
        off += w;
    }
}

/* Diagnostics that are not part of the protocol. */
#define warnx(...) say("labvisor-init: " __VA_ARGS__)

/* Reads a small file into buf, NUL-terminated, trailing newlines dropped. Returns length or -1. */
static ssize_t read_text(const char *path, char *buf, size_t size)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    ssize_t n = read(fd, buf, size - 1);
    close(fd);
    if (n < 0)
        return -1;
    while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
        n--;
    buf[n] = '\0';
    return n;
}

/* Protocol values may not contain spaces: DMI strings often do ("Standard PC (Q35 ...)"). */
static void sanitize(char *s)
{
    for (; *s; s++)
        if (*s <= ' ' || *s > '~' || *s == '=')
            *s = '_';
}

static bool exists(const char *path)
{
    return access(path, F_OK) == 0;
}

static long long monotonic_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
        ;
}

/* Guest uptime as the contract defines it: from /proc/uptime. */
static long long uptime_ms(void)
{
    char buf[64];
    if (read_text("/proc/uptime", buf, sizeof buf) < 0)
        return -1;
    return (long long)(strtod(buf, NULL) * 1000.0);
}

/* ---------- early setup ---------- */

static void mount_fs(const char *src, const char *dir, const char *type, unsigned long flags, const char *opts)
{
    mkdir(dir, 0755);
    if (mount(src, dir, type, flags, opts) < 0 && errno != EBUSY)
        warnx("mount %s on %s: %s", type, dir, strerror(errno));
}

static void mount_early(void)
{
    mount_fs("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL);
    mount_fs("sysfs", "/sys", "sysfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL);
    mount_fs("devtmpfs", "/dev", "devtmpfs", MS_NOSUID, "mode=0755");
    mount_fs("tmpfs", "/run", "tmpfs", MS_NOSUID | MS_NODEV, "mode=0755");
    mount_fs("tmpfs", "/tmp", "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777");
    mkdir("/dev/pts", 0755);
    mount_fs("devpts", "/dev/pts", "devpts", MS_NOSUID | MS_NOEXEC, "gid=5,mode=620,ptmxmode=666");
}

/* stdio on the console. O_NOCTTY: PID 1 must never get a controlling tty (^C would reach it). */
static void open_console(void)
{
    int fd = open("/dev/console", O_RDWR | O_NOCTTY);
    if (fd < 0)
        return;
    for (int i = 0; i < 3; i++)
        dup2(fd, i);
    if (fd > 2)
        close(fd);
}

/* Loads every module named in MODULES_LIST, in order (the build wrote dependencies first). */
static void load_modules(void)
{
    struct utsname u;
    uname(&u);
    FILE *list = fopen(MODULES_LIST, "re");
    if (!list)
        return;
    char line[PATH_MAX], path[PATH_MAX + 64];
    while (fgets(line, sizeof line, list)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] == '\0' || line[0] == '#')
            continue;
        strfmt(path, sizeof path, "/lib/modules/%s/%s", u.release, line);
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            warnx("module %s: %s", line, strerror(errno));
            continue;
        }
        if (syscall(SYS_finit_module, fd, "", 0) < 0 && errno != EEXIST)
            warnx("module %s: %s", line, strerror(errno));
        close(fd);
    }
    fclose(list);
}

/* ---------- LABVISOR-BOOT ---------- */

static long long memtotal_kb(void)
{
    FILE *f = fopen("/proc/meminfo", "re");
    long long kb = -1;
    char line[256];
    while (f && fgets(line, sizeof line, f))
        if (sscanf(line, "MemTotal: %lld kB", &kb) == 1)
            break;
    if (f)
        fclose(f);
    return kb;
}

/* Online memory blocks x block size: what the hypervisor really plugged in, unlike MemTotal. */
static long long mem_online_mib(void)
{
    char buf[64], path[PATH_MAX];
    if (read_text("/sys/devices/system/memory/block_size_bytes", buf, sizeof buf) < 0)
        return -1;
    unsigned long long block = strtoull(buf, NULL, 16);
    DIR *d = opendir("/sys/devices/system/memory");
    if (!d)
        return -1;
    unsigned long long online = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (strncmp(e->d_name, "memory", 6) != 0 || e->d_name[6] < '0' || e->d_name[6] > '9')
            continue;
        strfmt(path, sizeof path, "/sys/devices/system/memory/%s/online", e->d_name);
        if (read_text(path, buf, sizeof buf) > 0 && buf[0] == '1')
            online++;
    }
    closedir(d);
    return (long long)(online * block >> 20);
}

static void dmi(const char *field, char *buf, size_t size)
{
    char path[128];
    strfmt(path, sizeof path, "/sys/class/dmi/id/%s", field);
    if (read_text(path, buf, size) <= 0)
        strfmt(buf, size, "unknown");
    sanitize(buf);
}

static void report_boot(void)
{
    struct utsname u;
    char product[128], asset[128];
    uname(&u);
    dmi("product_name", product, sizeof product);
    dmi("board_asset_tag", asset, sizeof asset);
    say("LABVISOR-BOOT uptime_ms=%lld vcpus=%ld memtotal_kb=%lld mem_online_mib=%lld kernel=%s product=%s asset=%s",
        uptime_ms(), sysconf(_SC_NPROCESSORS_ONLN), memtotal_kb(), mem_online_mib(), u.release, product, asset);
}

/* ---------- LABVISOR-DEV ---------- */

/* Basename of the driver bound to sysfs device dir `dev`, or false when none is bound. */
static bool bound_driver(const char *dev, char *out, size_t size)
{
    char link[PATH_MAX + 16], target[PATH_MAX];
    strfmt(link, sizeof link, "%s/driver", dev);
    ssize_t n = readlink(link, target, sizeof target - 1);
    if (n < 0)
        return false;
    target[n] = '\0';
    const char *slash = strrchr(target, '/');
    strfmt(out, size, "%s", slash ? slash + 1 : target);
    return true;
}

/*
 * The most specific driver behind class device `sys` (/sys/block/X or /sys/class/net/X): the first
 * bound driver walking up from its device, skipping the generic SCSI disk driver "sd" so that an
 * AHCI or IDE disk reports its host controller (ahci, ata_piix). `bus` gets the device's bus.
 */
static void device_driver(const char *sys, char *drv, size_t dsize, char *bus, size_t bsize)
{
    char link[PATH_MAX], path[PATH_MAX];
    strfmt(drv, dsize, "unknown");
    strfmt(bus, bsize, "unknown");
    strfmt(link, sizeof link, "%s/device/subsystem", sys);
    if (realpath(link, path)) {
        const char *slash = strrchr(path, '/');
        strfmt(bus, bsize, "%s", slash ? slash + 1 : path);
    }
    strfmt(link, sizeof link, "%s/device", sys);
    if (!realpath(link, path))
        return;
    if (strcmp(bus, "scsi") == 0 && strstr(path, "/ata"))
        strfmt(bus, bsize, "ata");
    while (strlen(path) > strlen("/sys/devices")) {
        if (bound_driver(path, drv, dsize) && strcmp(drv, "sd") != 0)
            return;
        *strrchr(path, '/') = '\0';
    }
    strfmt(drv, dsize, "unknown");
}

static bool skipped_block(const char *name)
{
    return strncmp(name, "loop", 4) == 0 || strncmp(name, "ram", 3) == 0 || strncmp(name, "zram", 4) == 0;
}

/* Lists only devices backed by hardware: a `device` link separates them from lo, loop, bridges. */
static void report_class(const char *dir, const char *kind)
{
    struct dirent **names;
    int n = scandir(dir, &names, NULL, alphasort);
    for (int i = 0; i < n; i++) {
        const char *name = names[i]->d_name;
        char sys[PATH_MAX], link[PATH_MAX + 16], drv[64], bus[64], mac[64];
        strfmt(sys, sizeof sys, "%s/%s", dir, name);
        strfmt(link, sizeof link, "%s/device", sys);
        bool wanted = name[0] != '.' && strcmp(name, "lo") != 0 && exists(link) &&
                      !(strcmp(kind, "block") == 0 && skipped_block(name));
        if (wanted) {
            device_driver(sys, drv, sizeof drv, bus, sizeof bus);
            if (strcmp(kind, "block") == 0) {
                say("LABVISOR-DEV kind=block name=%s driver=%s bus=%s", name, drv, bus);
            } else {
                strfmt(link, sizeof link, "%s/address", sys);
                if (read_text(link, mac, sizeof mac) <= 0)
                    strfmt(mac, sizeof mac, "unknown");
                say("LABVISOR-DEV kind=net name=%s driver=%s mac=%s", name, drv, mac);
            }
        }
        free(names[i]);
    }
    if (n >= 0)
        free(names);
}

/* First NIC with a device behind it (alphabetical), or false. */
static bool first_nic(char *out, size_t size)
{
    struct dirent **names;
    int n = scandir("/sys/class/net", &names, NULL, alphasort);
    bool found = false;
    for (int i = 0; i < n; i++) {
        char link[PATH_MAX];
        strfmt(link, sizeof link, "/sys/class/net/%s/device", names[i]->d_name);
        if (!found && names[i]->d_name[0] != '.' && exists(link)) {
            strfmt(out, size, "%s", names[i]->d_name);
            found = true;
        }
        free(names[i]);
    }
    if (n >= 0)
        free(names);
    return found;
}

/* ---------- LABVISOR-ROOT ---------- */

/*
 * The root volume is the host's first disk: vda on virtio, or the SATA disk on the first AHCI port. SATA disks
 * probe asynchronously, so "sda" is whichever finished first, not necessarily port 1: look the port up in sysfs.
 */
static const char *find_root_disk(void)
{
    static char sata_root[32];
    char path[64], real[PATH_MAX];
    if (exists("/sys/block/vda"))
        return "vda";
    struct dirent **names;
    int n = scandir("/sys/block", &names, NULL, alphasort);
    const char *found = NULL;
    for (int i = 0; i < n; i++) {
        const char *name = names[i]->d_name;
        strfmt(path, sizeof path, "/sys/block/%s", name);
        if (!found && strncmp(name, "sd", 2) == 0 && realpath(path, real) && strstr(real, "/ata1/")) {
            strfmt(sata_root, sizeof sata_root, "%s", name);
            found = sata_root;
        }
        free(names[i]);
    }
    if (n >= 0)
        free(names);
    if (!found && exists("/sys/block/xvda"))
        found = "xvda";
    return found;
}

static const char *wait_root_disk(void)
{
    long long deadline = monotonic_ms() + ROOT_WAIT_MS;
    const char *dev;
    while (!(dev = find_root_disk()) && monotonic_ms() < deadline)
        sleep_ms(20);
    return dev;
}

/* Bind the API file systems so that `chroot /mnt/root fio ...` finds /dev, /proc and /sys. */
static void bind_into_root(void)
{
    static const char *const dirs[] = {"/dev", "/proc", "/sys"};
    char target[64];
    for (size_t i = 0; i < sizeof dirs / sizeof *dirs; i++) {
        strfmt(target, sizeof target, ROOT_MNT "%s", dirs[i]);
        if (exists(target) && mount(dirs[i], target, NULL, MS_BIND | MS_REC, NULL) < 0)
            warnx("bind %s: %s", target, strerror(errno));
    }
}

/*
 * Counts this boot in the root volume itself (/var/lib/labvisor/boot-count), so the host can see that what the
 * guest wrote there survived a stop and start. Returns the count, or -1 when the volume is not writable.
 */
static long count_boot(void)
{
    char buf[32];
    long boots = read_text(BOOT_COUNT, buf, sizeof buf) > 0 ? strtol(buf, NULL, 10) : 0;
    mkdir(ROOT_MNT "/var", 0755);
    mkdir(ROOT_MNT "/var/lib", 0755);
    mkdir(USERDATA_DIR, 0755);
    int fd = open(BOOT_COUNT, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return -1;
    int n = snprintf(buf, sizeof buf, "%ld\n", ++boots);
    bool ok = write(fd, buf, (size_t)n) == n && fsync(fd) == 0;
    close(fd);
    return ok ? boots : -1;
}

static void mount_root(const char *dev)
{
    char devpath[64];
    if (!dev) {
        warnx("no root disk (tried vda, the SATA disk on ata1, xvda)");
        return;
    }
    strfmt(devpath, sizeof devpath, "/dev/%s", dev);
    mkdir("/mnt", 0755);
    mkdir(ROOT_MNT, 0755);
    if (mount(devpath, ROOT_MNT, "ext4", MS_NOATIME, NULL) < 0) {
        warnx("mount %s: %s", devpath, strerror(errno));
        return;
    }
    root_mounted = true;
    bind_into_root();
    say("LABVISOR-ROOT dev=%s mounted=%s boots=%ld", dev, ROOT_MNT, count_boot());
}

/* ---------- LABVISOR-DISK ---------- */

/*
 * Every disk other than the root disk (an instance-store volume) carries a mark in its first sector, so the host
 * can tell whether a disk kept its data. A disk whose first sector is all zeros (new and empty) gets a fresh
 * random mark; a marked disk keeps its mark; anything else is someone's data and is left alone (mark=none).
 */
static void report_disk(const char *name)
{
    char path[64], sector[512], mark[33] = "none";
    bool fresh = false;
    strfmt(path, sizeof path, "/dev/%s", name);
    int fd = open(path, O_RDWR | O_CLOEXEC);
    if (fd < 0 || pread(fd, sector, sizeof sector, 0) != (ssize_t)sizeof sector) {
        warnx("read %s: %s", path, strerror(errno));
        if (fd >= 0)
            close(fd);
        return;
    }
    bool zero = true;
    for (size_t i = 0; i < sizeof sector && zero; i++)
        zero = sector[i] == 0;
    /* ext4 leaves its first 1 KiB zero: a file system's magic at 1080 makes the disk someone's data too. */
    unsigned char magic[2];
    if (zero && pread(fd, magic, sizeof magic, 1080) == (ssize_t)sizeof magic && magic[0] == 0x53 && magic[1] == 0xEF)
        zero = false;
    if (zero) {
        unsigned char rnd[16];
        int r = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
        bool got = r >= 0 && read(r, rnd, sizeof rnd) == (ssize_t)sizeof rnd;
        if (r >= 0)
            close(r);
        for (size_t i = 0; got && i < sizeof rnd; i++)
            snprintf(mark + 2 * i, 3, "%02x", rnd[i]);
        strfmt(sector, sizeof sector, DISK_MARK "%s\n", mark);
        fresh = got && pwrite(fd, sector, sizeof sector, 0) == (ssize_t)sizeof sector && fsync(fd) == 0;
        if (!fresh)
            strfmt(mark, sizeof mark, "none");
    } else if (strncmp(sector, DISK_MARK, strlen(DISK_MARK)) == 0) {
        memcpy(mark, sector + strlen(DISK_MARK), 32);
        mark[32] = '\0';
        sanitize(mark);
    }
    close(fd);
    say("LABVISOR-DISK name=%s mark=%s fresh=%d", name, mark, fresh ? 1 : 0);
}

static void report_other_disks(const char *root)
{
    struct dirent **names;
    int n = scandir("/sys/block", &names, NULL, alphasort);
    for (int i = 0; i < n; i++) {
        const char *name = names[i]->d_name;
        char link[PATH_MAX];
        strfmt(link, sizeof link, "/sys/block/%s/device", name);
        if (name[0] != '.' && exists(link) && !skipped_block(name) && !(root && strcmp(name, root) == 0) &&
            strncmp(name, "sr", 2) != 0)
            report_disk(name);
        free(names[i]);
    }
    if (n >= 0)
        free(names);
}

/* ---------- processes ---------- */

/* fork() with the child's signal mask cleared (PID 1 blocks everything it reads from its signalfd). */
static pid_t spawn(void)
{
    pid_t pid = fork();
    if (pid == 0) {
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
    } else if (pid < 0) {
        warnx("fork: %s", strerror(errno));
    }
    return pid;
}

static void redirect(int fd, const char *path, int flags)
{
    int f = open(path, flags, 0644);
    if (f >= 0 && f != fd) {
        dup2(f, fd);
        close(f);
    }
}

/* ---------- network ---------- */

static void link_up(const char *ifname)
{
    int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    struct ifreq ifr;
    memset(&ifr, 0, sizeof ifr);
    strfmt(ifr.ifr_name, sizeof ifr.ifr_name, "%s", ifname);
    if (s < 0 || ioctl(s, SIOCGIFFLAGS, &ifr) < 0) {
        warnx("link %s: %s", ifname, strerror(errno));
    } else {
        ifr.ifr_flags |= IFF_UP;
        if (ioctl(s, SIOCSIFFLAGS, &ifr) < 0)
            warnx("link %s up: %s", ifname, strerror(errno));
    }
    if (s >= 0)
        close(s);
}

/*
 * DHCP runs as a child; its udhcpc script prints LABVISOR-NET itself. The main loop waits for it to exit
 * (lease or give-up) before user data runs, since user data usually wants the network.
 */
static void start_network(void)
{
    char nic[IFNAMSIZ];
    link_up("lo");
    if (!first_nic(nic, sizeof nic))
        return;
    link_up(nic);
    dhcp_pid = spawn();
    if (dhcp_pid > 0)
        dhcp_deadline = monotonic_ms() + DHCP_WAIT_MS;
    if (dhcp_pid == 0) {
        redirect(STDIN_FILENO, "/dev/null", O_RDONLY);
        redirect(STDOUT_FILENO, "/run/udhcpc.log", O_WRONLY | O_CREAT | O_APPEND);
        dup2(STDOUT_FILENO, STDERR_FILENO);
        execle(BUSYBOX, "udhcpc", "-i", nic, "-n", "-q", "-t", "4", "-T", "2", "-s", DHCP_SCRIPT, (char *)NULL,
               child_env);
        _exit(127);
    }
}

/* ---------- user data ---------- */

/* Copies the fw_cfg user data to `dst` when it is a script (#!). */
static bool copy_user_script(const char *src, const char *dst)
{
    int in = open(src, O_RDONLY | O_CLOEXEC);
    if (in < 0)
        return false;
    char buf[65536];
    ssize_t n = read(in, buf, sizeof buf);
    bool script = n >= 2 && buf[0] == '#' && buf[1] == '!';
    int out = script ? open(dst, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0700) : -1;
    while (out >= 0 && n > 0) {
        if (write(out, buf, n) != n) {
            script = false;
            break;
        }
        n = read(in, buf, sizeof buf);
    }
    if (out >= 0)
        close(out);
    close(in);
    return script && n == 0;
}

/* Starts the user-data script once per root volume; returns false when there is nothing to run. */
static bool start_user_data(void)
{
    if (!exists(USERDATA_FW) || exists(USERDATA_DONE) || !copy_user_script(USERDATA_FW, USERDATA_COPY))
        return false;
    say("LABVISOR-USERDATA state=start");
    userdata_pid = spawn();
    if (userdata_pid == 0) {
        redirect(STDIN_FILENO, "/dev/null", O_RDONLY);
        setsid();
        if (chdir("/") < 0)
            _exit(127);
        execle(USERDATA_COPY, USERDATA_COPY, (char *)NULL, child_env);
        say("labvisor-init: exec user data: %s", strerror(errno));
        _exit(127);
    }
    return userdata_pid > 0;
}

static void mark_user_data_done(void)
{
    if (!root_mounted)
        return;
    mkdir(ROOT_MNT "/var", 0755);
    mkdir(ROOT_MNT "/var/lib", 0755);
    mkdir(USERDATA_DIR, 0755);
    int fd = open(USERDATA_DONE, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
    if (fd >= 0)
        close(fd);
    sync();
}

/* ---------- console shell ---------- */

/* The console's real tty (e.g. ttyS0): /dev/console itself can never become a controlling tty. */
static void console_tty(char *out, size_t size)
{
    char active[256];
    strfmt(out, size, "/dev/console");
    if (read_text("/sys/class/tty/console/active", active, sizeof active) > 0) {
        char *last = strrchr(active, ' ');
        strfmt(out, size, "/dev/%s", last ? last + 1 : active);
    }
}

static void start_shell(void)
{
    shell_respawn_at = -1;
    console_shared = true;
    shell_pid = spawn();
    if (shell_pid != 0)
        return;
    char tty[300];
    console_tty(tty, sizeof tty);
    setsid();
    int fd = open(tty, O_RDWR);
    if (fd < 0)
        fd = open("/dev/console", O_RDWR);
    if (fd >= 0) {
        ioctl(fd, TIOCSCTTY, 1); /* job control and ^C for the shell */
        for (int i = 0; i < 3; i++)
            dup2(fd, i);
        if (fd > 2)
            close(fd);
    }
    if (chdir("/") < 0)
        _exit(127);
    execle("/bin/sh", "-sh", (char *)NULL, child_env);
    _exit(127);
}

static void finish_boot(void)
{
    say("LABVISOR-READY uptime_ms=%lld", uptime_ms());
    start_shell();
}

/* The boot step after DHCP: user data, then READY (right away when there is no user data). */
static void network_settled(void)
{
    dhcp_deadline = -1;
    if (!start_user_data()) {
        say("LABVISOR-USERDATA state=skipped");
        finish_boot();
    }
}

/* ---------- power off ---------- */

/* Waits up to `ms` for every child to exit. */
static void reap_all(long ms)
{
    long long deadline = monotonic_ms() + ms;
    while (monotonic_ms() < deadline) {
        pid_t p = waitpid(-1, NULL, WNOHANG);
        if (p < 0 && errno == ECHILD)
            return;
        if (p <= 0)
            sleep_ms(20);
    }
}

static void unmount_root(void)
{
    static const char *const binds[] = {ROOT_MNT "/sys", ROOT_MNT "/proc", ROOT_MNT "/dev"};
    if (!root_mounted)
        return;
    for (size_t i = 0; i < sizeof binds / sizeof *binds; i++)
        umount2(binds[i], MNT_DETACH);
    /* If something still holds it, read-only is the next best thing for a clean journal. */
    if (umount(ROOT_MNT) < 0 && mount(NULL, ROOT_MNT, NULL, MS_REMOUNT | MS_RDONLY, NULL) < 0)
        warnx("unmount %s: %s", ROOT_MNT, strerror(errno));
}

static _Noreturn void power_off(const char *reason)
{
    say("LABVISOR-POWEROFF reason=%s", reason);
    /* TERM for programs, HUP for the interactive shell (which ignores TERM), CONT for stopped jobs. */
    kill(-1, SIGTERM);
    kill(-1, SIGHUP);
    kill(-1, SIGCONT);
    reap_all(1000);
    kill(-1, SIGKILL);
    reap_all(500);
    sync();
    unmount_root();
    sync();
    tcdrain(STDOUT_FILENO); /* the line must leave the UART before the VM disappears */
    reboot(RB_POWER_OFF);
    for (;;) /* PID 1 may never exit: that would panic the kernel */
        pause();
}

/* ---------- main loop ---------- */

static int open_inputs(struct pollfd *fds, int max)
{
    int n = 0;
    DIR *d = opendir("/dev/input");
    struct dirent *e;
    while (d && (e = readdir(d)) && n < max) {
        char path[300];
        if (strncmp(e->d_name, "event", 5) != 0)
            continue;
        strfmt(path, sizeof path, "/dev/input/%s", e->d_name);
        int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
        if (fd >= 0)
            fds[n++] = (struct pollfd){.fd = fd, .events = POLLIN};
    }
    if (d)
        closedir(d);
    return n;
}

static bool power_key_pressed(int fd)
{
    struct input_event ev[16];
    ssize_t n;
    while ((n = read(fd, ev, sizeof ev)) > 0)
        for (size_t i = 0; i < (size_t)n / sizeof *ev; i++)
            if (ev[i].type == EV_KEY && ev[i].code == KEY_POWER && ev[i].value == 1)
                return true;
    return false;
}

static void child_exited(pid_t pid, int status)
{
    if (pid == dhcp_pid) {
        dhcp_pid = -1;
        if (dhcp_deadline >= 0)
            network_settled();
    } else if (pid == userdata_pid) {
        userdata_pid = -1;
        int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        say("LABVISOR-USERDATA state=done exit=%d", code);
        mark_user_data_done();
        finish_boot();
    } else if (pid == shell_pid) {
        shell_pid = -1;
        shell_respawn_at = monotonic_ms() + RESPAWN_MS;
    }
}

static void handle_signals(int sfd)
{
    struct signalfd_siginfo si;
    while (read(sfd, &si, sizeof si) == sizeof si) {
        if (si.ssi_signo == SIGTERM || si.ssi_signo == SIGUSR2)
            power_off("signal");
    }
    int status;
    pid_t pid;
    while ((pid = waitpid(-1, &status, WNOHANG)) > 0)
        child_exited(pid, status);
}

/* Milliseconds until the next timer (DHCP give-up, shell respawn), -1 when none is armed. */
static int poll_timeout(void)
{
    long long next = -1, timers[] = {dhcp_deadline, shell_respawn_at};
    for (size_t i = 0; i < sizeof timers / sizeof *timers; i++)
        if (timers[i] >= 0 && (next < 0 || timers[i] < next))
            next = timers[i];
    if (next < 0)
        return -1;
    long long left = next - monotonic_ms();
    return left > 0 ? (int)left : 0;
}

static _Noreturn void serve(int sfd, struct pollfd *inputs, int ninputs)
{
    struct pollfd fds[MAX_INPUTS + 1];
    fds[0] = (struct pollfd){.fd = sfd, .events = POLLIN};
    memcpy(fds + 1, inputs, ninputs * sizeof *inputs);
    for (;;) {
        if (poll(fds, ninputs + 1, poll_timeout()) < 0 && errno != EINTR)
            sleep_ms(100);
        if (fds[0].revents)
            handle_signals(sfd);
        for (int i = 1; i <= ninputs; i++) {
            if (fds[i].revents & POLLIN && power_key_pressed(fds[i].fd))
                power_off("acpi");
            if (fds[i].revents & (POLLHUP | POLLERR | POLLNVAL)) { /* device gone: stop polling it */
                close(fds[i].fd);
                fds[i].fd = -1;
            }
        }
        if (dhcp_deadline >= 0 && monotonic_ms() >= dhcp_deadline)
            network_settled(); /* udhcpc hangs: boot on without it */
        if (shell_respawn_at >= 0 && monotonic_ms() >= shell_respawn_at)
            start_shell();
    }
}

static int block_signals(void)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGCHLD);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGUSR2);
    sigaddset(&set, SIGUSR1);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGHUP);
    sigprocmask(SIG_BLOCK, &set, NULL);
    return signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
}

int main(void)
{
    if (getpid() != 1) {
        fprintf(stderr, "labvisor-init: must run as PID 1\n");
        return 1;
    }
    umask(022);
    mount_early();
    open_console(); /* before any other open(), so fds 0-2 are the console even if the kernel left them closed */
    int sfd = block_signals();
    /* Only errors from the kernel on the console from here on: driver chatter would split protocol lines. */
    klogctl(8 /* SYSLOG_ACTION_CONSOLE_LEVEL */, NULL, 4);
    load_modules();
    report_boot();

    const char *root = wait_root_disk();
    report_class("/sys/block", "block");
    report_class("/sys/class/net", "net");
    mount_root(root);
    report_other_disks(root);

    struct pollfd inputs[MAX_INPUTS];
    int ninputs = open_inputs(inputs, MAX_INPUTS);
    start_network();
    if (dhcp_pid <= 0)
        network_settled();
    serve(sfd, inputs, ninputs);
}
