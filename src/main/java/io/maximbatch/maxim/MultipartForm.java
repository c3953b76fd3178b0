package io.maximbatch.maxim;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/** A multipart/form-data body (RFC 7578): the form's fields in order, then the file as the field `file`, as object storage wants it last. */
final class MultipartForm {

    private final String boundary = "maxim-batch-" + UUID.randomUUID();
    private final byte[] body;

    MultipartForm(Map<String, String> fields, byte[] file, String contentType) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(file.length + 1024);
        fields.forEach((name, value) -> write(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n"
                + value + "\r\n"));
        write(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"avatar\"\r\nContent-Type: "
                + contentType + "\r\n\r\n");
        out.writeBytes(file);
        write(out, "\r\n--" + boundary + "--\r\n");
        this.body = out.toByteArray();
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    byte[] body() {
        return body;
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
