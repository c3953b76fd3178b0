package io.maximbatch.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** GET /file/upload/avatar/user as the Swagger documents it, and the sandbox's storage as strict as a signed URL. */
class FileEndpointsTest {

    private static final byte[] GIF = "GIF89a\u0001\u0000\u0001\u0000".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

    private SandboxServer server;
    private SandboxClient client;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        server = SandboxServer.start(SandboxOptions.defaults());
        client = new SandboxClient(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theAnswerIsAFileUploadDtoAndItsUrlTakesOnePutThenServesTheBytes() throws Exception {
        long even = evenUser();
        JsonNode data = client.as(even).get("/file/upload/avatar/user").data();

        assertThat(data.path("upload_method").asString()).isEqualTo("PUT");
        assertThat(data.path("oss_body_param").isObject()).isTrue();
        assertThat(put(data.path("upload_url").asString(), "text/plain").statusCode()).as("not an image type").isEqualTo(403);
        assertThat(put(data.path("upload_url").asString(), "image/gif").statusCode()).isEqualTo(200);
        assertThat(put(data.path("upload_url").asString(), "image/gif").statusCode()).as("a used URL").isEqualTo(403);

        HttpResponse<byte[]> download = http.send(HttpRequest.newBuilder(URI.create(data.path("download_url").asString())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.body()).isEqualTo(GIF);
        assertThat(download.headers().firstValue("Content-Type")).hasValue("image/gif");
        assertThat(server.state().executedUpdates()).containsEntry("upload", 1L);
    }

    @Test
    void aPostWithoutTheFormsFieldsOrByTheWrongMethodIsRefusedAndNoUserIsNoUrl() throws Exception {
        long odd = client.register("odd1");
        if (odd % 2 == 0) {
            odd = client.register("odd2");
        }
        JsonNode data = client.as(odd).get("/file/upload/avatar/user").data();
        assertThat(data.path("upload_method").asString()).isEqualTo("POST");
        assertThat(data.path("oss_body_param").size()).isPositive();
        String boundary = "b0";
        String form = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\"\r\nContent-Type: image/gif\r\n\r\n"
                + new String(GIF, java.nio.charset.StandardCharsets.ISO_8859_1) + "\r\n--" + boundary + "--\r\n";
        HttpResponse<String> withoutFields = http.send(HttpRequest.newBuilder(URI.create(data.path("upload_url").asString()))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(withoutFields.statusCode()).isEqualTo(403);
        assertThat(put(data.path("upload_url").asString(), "image/gif").statusCode()).as("PUT to a POST URL").isEqualTo(403);
        assertThat(server.state().executedUpdates()).doesNotContainKey("upload");

        assertThat(client.get("/file/upload/avatar/user").code()).as("no acting user").isEqualTo(10000);
        assertThat(client.with("access-token", null).as(odd).get("/file/upload/avatar/user").code()).isEqualTo(10003);
        assertThat(http.send(HttpRequest.newBuilder(URI.create(server.endpoint() + "/oss/files/99")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(404);
    }

    private long evenUser() throws Exception {
        long id = client.register("even1");
        return id % 2 == 0 ? id : client.register("even2");
    }

    private HttpResponse<String> put(String url, String type) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", type).PUT(HttpRequest.BodyPublishers.ofByteArray(GIF)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
