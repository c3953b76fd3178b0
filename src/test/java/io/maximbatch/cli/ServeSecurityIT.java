package io.maximbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.FileInputStream;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `serve` as an operator starts it: the admin API on 127.0.0.1 only, a generated token in a file only its owner can
 * read (and nowhere in the output), a configured token that is too short refused, and HTTPS with server.ssl.*.
 */
class ServeSecurityIT {

    @TempDir
    Path dir;

    @Test
    void theApiListensOnLoopbackOnlyAndTheGeneratedTokenIsInAPrivateFileOnly() throws Exception {
        Path output = dir.resolve("serve.out");
        Files.createDirectories(dir.resolve("jobs"));
        Process serve = JarRunner.start(dir, output, Map.of("MAXIM_JOBS_DIR", dir.resolve("jobs").toString(), "MAXIM_API_ENDPOINT",
                "http://127.0.0.1:9", "MAXIM_APP_ID", "app", "SPRING_DATASOURCE_URL", "jdbc:h2:file:" + dir.resolve("data/maxim-batch")),
                "serve", "--port", "0");
        try {
            int port = JarRunner.adminPort(output, serve);
            Path tokenFile = dir.resolve("data/admin-token");
            String token = Files.readString(tokenFile).strip();

            assertThat(Files.getPosixFilePermissions(tokenFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(Files.getPosixFilePermissions(dir.resolve("data"))).isEqualTo(PosixFilePermissions.fromString("rwx------"));
            assertThat(Files.getPosixFilePermissions(dir.resolve("data/maxim-batch.mv.db"))).as("the H2 file")
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(Files.readString(output)).contains("Admin token written to " + tokenFile.toRealPath()).doesNotContain(token);
            HttpResponse<String> jobs = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/jobs"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(jobs.statusCode()).isEqualTo(200);
            Optional<InetAddress> other = otherAddress();
            if (other.isPresent()) {
                try (Socket socket = new Socket()) {
                    org.assertj.core.api.Assertions.assertThatThrownBy(() -> socket.connect(new InetSocketAddress(other.get(), port), 2000))
                            .as("not listening on %s", other.get()).isInstanceOf(ConnectException.class);
                }
            }
        } finally {
            stop(serve);
        }
    }

    @Test
    void aConfiguredTokenShorterThan32CharactersIsRefused() throws Exception {
        Path output = dir.resolve("short.out");

        int exit = JarRunner.run(dir, output, Map.of("MAXIM_ADMIN_TOKEN", "too-short", "SPRING_DATASOURCE_URL", "jdbc:h2:mem:short"),
                "serve", "--port", "0");

        assertThat(exit).isEqualTo(2);
        // One line, no stack trace (that is in the log file).
        assertThat(Files.readAllLines(output)).singleElement().asString().contains("must be at least 32 characters")
                .doesNotContain("too-short").doesNotContain("Exception").doesNotContain("at io.");
        assertThat(Files.readString(dir.resolve("logs/maxim-batch.log"))).contains("IllegalArgumentException").doesNotContain("too-short");
    }

    @Test
    void theApiServesHttpsWithServerSsl() throws Exception {
        Path keystore = dir.resolve("admin.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
                "-alias", "admin", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname", "CN=localhost",
                "-ext", "san=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", "changeit-store", "-keypass", "changeit-store").inheritIO().start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0).as("keytool made a certificate").isTrue();
        String token = "https-admin-token-0123456789abcdef-xyz";
        Path output = dir.resolve("https.out");
        Files.createDirectories(dir.resolve("jobs"));
        Process serve = JarRunner.start(dir, output, Map.of("MAXIM_ADMIN_TOKEN", token, "MAXIM_JOBS_DIR", dir.resolve("jobs").toString(),
                "MAXIM_API_ENDPOINT", "http://127.0.0.1:9", "MAXIM_APP_ID", "app", "SPRING_DATASOURCE_URL", "jdbc:h2:mem:https", "SERVER_SSL_KEY_STORE", keystore.toString(),
                "SERVER_SSL_KEY_STORE_PASSWORD", "changeit-store", "SERVER_SSL_KEY_STORE_TYPE", "PKCS12"), "serve", "--port", "0");
        try {
            int port = JarRunner.adminPort(output, serve);
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            try (FileInputStream in = new FileInputStream(keystore.toFile())) {
                trusted.load(in, "changeit-store".toCharArray());
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, trust.getTrustManagers(), null);

            HttpResponse<String> jobs = HttpClient.newBuilder().sslContext(tls).build().send(HttpRequest.newBuilder(
                    URI.create("https://127.0.0.1:" + port + "/api/jobs")).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(jobs.statusCode()).isEqualTo(200);
        } finally {
            stop(serve);
        }
    }

    /** An address of this machine that is not loopback, if it has one. */
    private static Optional<InetAddress> otherAddress() throws Exception {
        return NetworkInterface.networkInterfaces().filter(i -> {
            try {
                return i.isUp() && !i.isLoopback();
            } catch (java.net.SocketException e) {
                return false;
            }
        }).flatMap(NetworkInterface::inetAddresses).filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress()).findFirst();
    }

    private static void stop(Process serve) throws InterruptedException {
        serve.destroy();
        if (!serve.waitFor(30, TimeUnit.SECONDS)) {
            serve.destroyForcibly().waitFor();
        }
    }
}
