package io.maximbatch.sandbox;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;

/** GET /oss/files/{id}: a stored file with its type, as object storage serves a download URL; 404 for none. */
final class StoredFiles {

    private StoredFiles() {
    }

    static void serve(HttpExchange exchange, SandboxFiles files, String id) throws IOException {
        SandboxFiles.Stored file;
        try {
            file = files.file(Long.parseLong(id));
        } catch (NumberFormatException e) {
            file = null;
        }
        if (file == null) {
            HttpReplies.sendStatus(exchange, 404, null);
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", file.contentType());
        exchange.sendResponseHeaders(200, file.bytes().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(file.bytes());
        }
    }
}
