package io.maximbatch.maxim;

import static org.assertj.core.api.Assertions.assertThat;

import io.maximbatch.maxim.MaximModel.Credentials;
import io.maximbatch.sandbox.SandboxOptions;
import io.maximbatch.sandbox.SandboxServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A picture uploaded as the user through the sandbox's upload URLs, by PUT and by multipart POST, and served at its download URL. */
class AvatarUploadTest {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 1, 2, 3};
    private static final RetrySettings FAST = new RetrySettings(3, Duration.ofMillis(10), 2.0, Duration.ofSeconds(2), Duration.ofSeconds(10));

    private SandboxServer sandbox;
    private MaximClient client;

    @BeforeEach
    void start() {
        sandbox = SandboxServer.start(SandboxOptions.defaults());
        MaximTransport transport = new MaximTransport(new MaximEndpoint(sandbox.endpoint(), "sandbox", "sandbox-token"),
                MaximTransport.defaultHttpClient(Duration.ofSeconds(2)), Duration.ofSeconds(2));
        client = new MaximClient(transport, new CallGuard(1000, FAST));
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void uploadsByPutAndByPostAndServesTheBytesAtTheDownloadUrl() throws Exception {
        Map<Long, String> urls = new HashMap<>();
        for (String name : new String[] {"ann", "ben"}) {
            long id = client.registerUser(new Credentials(name, "pw-" + name), new CallTrace());
            urls.put(id, AvatarUpload.send(client, id, PNG, "image/png"));
        }

        assertThat(urls.keySet().stream().map(id -> id % 2).distinct()).as("one user asked to PUT, the other to POST").hasSize(2);
        assertThat(sandbox.state().servedByCall()).containsKeys("PUT /oss/avatar", "POST /oss/avatar");
        for (String url : urls.values()) {
            HttpResponse<byte[]> download = get(url);
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(download.body()).isEqualTo(PNG);
            assertThat(download.headers().firstValue("Content-Type")).hasValue("image/png");
        }
        assertThat(sandbox.state().executedUpdates()).containsEntry("upload", 2L);
    }

    @Test
    void anUploadWhoseAnswerWasLostGoesAgainToANewUploadUrl() throws Exception {
        long id = client.registerUser(new Credentials("cleo", "pw-c"), new CallTrace());
        sandbox.faults().dropNextAnswers("/oss/avatar", 1);

        String url = AvatarUpload.send(client, id, PNG, "image/png");

        assertThat(sandbox.state().servedByCall()).as("a second URL asked for").containsEntry("GET /file/upload/avatar/user", 2L);
        assertThat(sandbox.state().executedUpdates()).as("the lost upload was stored, then the new one").containsEntry("upload", 2L);
        assertThat(get(url).body()).isEqualTo(PNG);
    }

    @Test
    void theUploadMethodIsReadInAnyCaseAndWithoutOneTheFormFieldsDecide() {
        Map<String, String> form = Map.of("key", "avatars/1.png");

        assertThat(AvatarUpload.method(new AvatarUpload.Target("u", "put", null, "d"))).isEqualTo("PUT");
        assertThat(AvatarUpload.method(new AvatarUpload.Target("u", " Post ", form, "d"))).isEqualTo("POST");
        assertThat(AvatarUpload.method(new AvatarUpload.Target("u", null, form, "d"))).isEqualTo("POST");
        assertThat(AvatarUpload.method(new AvatarUpload.Target("u", "", Map.of(), "d"))).isEqualTo("PUT");
        assertThat(AvatarUpload.method(new AvatarUpload.Target("u", "PATCH", null, "d"))).isNull();
    }

    private static HttpResponse<byte[]> get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
