package io.maximbatch.maxim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client verifies MaxIM's certificate: an unknown one fails at once; trusting its CA file makes it work. */
class TlsTrustTest {

    private static final char[] PASSWORD = "test-store-pw".toCharArray();

    @TempDir
    static Path dir;

    private static HttpsServer server;
    private static URI endpoint;

    @BeforeAll
    static void startHttpsServer() throws Exception {
        // A self-signed certificate for localhost, made with the JDK's keytool: its own certificate authority.
        Path store = dir.resolve("server.p12");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-dname", "CN=localhost", "-validity", "2",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass", new String(PASSWORD));
        keytool("-exportcert", "-rfc", "-alias", "server", "-keystore", store.toString(), "-storepass", new String(PASSWORD),
                "-file", dir.resolve("ca.pem").toString());
        Files.writeString(dir.resolve("not-a-cert.pem"), "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n");

        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD);
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, PASSWORD);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", exchange -> {
            byte[] body = "{\"code\":200,\"message\":null,\"data\":{\"user_id\":42,\"username\":\"alice\"}}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        endpoint = URI.create("https://localhost:" + server.getAddress().getPort());
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @Test
    void anUntrustedCertificateFailsAtOnceWithAClearMessage() {
        MaximClient client = client(null);
        assertThatThrownBy(() -> client.findUser("alice"))
                .isInstanceOfSatisfying(MaximException.class, e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.FATAL))
                .hasMessageContaining("TLS handshake failed").hasMessageContaining("maxim.tls.ca-file");
    }

    @Test
    void theCertificateAuthorityOfACaFileIsTrusted() {
        assertThat(client(dir.resolve("ca.pem")).findUser("alice")).hasValueSatisfying(user -> assertThat(user.userId()).isEqualTo(42));
    }

    @Test
    void aCaFileThatIsNotACertificateIsRefusedWithItsName() {
        assertThatThrownBy(() -> client(dir.resolve("not-a-cert.pem")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxim.tls.ca-file").hasMessageContaining("not-a-cert.pem");
        assertThatThrownBy(() -> client(dir.resolve("missing.pem")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be read");
    }

    private static MaximClient client(Path caFile) {
        MaximTransport transport = new MaximTransport(new MaximEndpoint(endpoint, "app", "token"),
                MaximTransport.defaultHttpClient(Duration.ofSeconds(5), caFile), Duration.ofSeconds(5));
        return new MaximClient(transport, new CallGuard(1000, new RetrySettings(3, Duration.ofMillis(1), 2.0, Duration.ofMillis(5), Duration.ofSeconds(5))));
    }

    private static void keytool(String... arguments) throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = new java.util.ArrayList<>(List.of(keytool.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }
}
