package io.maximbatch.sandbox;

import io.maximbatch.sandbox.MaximApi.Answer;
import io.maximbatch.sandbox.MaximApi.Request;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * GET /file/upload/avatar/user as the user (the Swagger's FileUploadDto: upload_url, upload_method, oss_body_param,
 * download_url, all on the sandbox itself), and the storage side: the PUT (bytes, their type as Content-Type) or the
 * multipart POST (every oss_body_param field, then `file`) to the upload URL. Each upload URL serves one upload.
 */
final class FileEndpoints extends Endpoints {

    /** The storage path uploads go to, beside MaxIM's (no app id or token: signed URLs stand for them). */
    static final String UPLOAD = "/oss/avatar";
    /** Where stored files are served: /oss/files/{id}. */
    static final String FILES = "/oss/files/";

    FileEndpoints(SandboxStore store, JsonMapper json) {
        super(store, json);
    }

    @Override
    void routes(MaximApi api) {
        api.route("GET", "/file/upload/avatar/user", true, this::uploadUrl);
        api.storageRoute("PUT", UPLOAD, this::upload);
        api.storageRoute("POST", UPLOAD, this::upload);
    }

    private Answer uploadUrl(Request r) throws ApiException {
        SandboxFiles.Ticket ticket = store.files().issue(actingUser(r));
        String base = "http://" + r.headers().getFirst("Host");
        ObjectNode data = json.createObjectNode();
        data.put("upload_url", base + UPLOAD + "?ticket=" + ticket.id());
        data.put("upload_method", ticket.method());
        ObjectNode form = data.putObject("oss_body_param");
        ticket.form().forEach(form::put);
        data.put("download_url", base + FILES + ticket.id());
        return ok(data);
    }

    private Answer upload(Request r) throws ApiException {
        long id = parseLong(r.query().getOrDefault("ticket", ""), "ticket");
        SandboxFiles.Ticket ticket = store.files().ticket(id);
        if (ticket == null || !ticket.method().equals(r.method())) {
            throw ApiException.refusedUpload("the upload URL is unknown, used already, or not for " + r.method());
        }
        String type = r.headers().getFirst("Content-Type");
        byte[] bytes = r.body();
        if (r.method().equals("POST")) {
            Map<String, MultipartParts.Part> parts = MultipartParts.parse(type, bytes);
            MultipartParts.Part file = parts.get("file");
            boolean formComplete = ticket.form().entrySet().stream()
                    .allMatch(e -> parts.containsKey(e.getKey()) && new String(parts.get(e.getKey()).bytes(), java.nio.charset.StandardCharsets.UTF_8)
                            .equals(e.getValue()));
            if (file == null || !formComplete) {
                throw ApiException.refusedUpload("the form lacks a field of oss_body_param or the file");
            }
            bytes = file.bytes();
            type = file.contentType();
        }
        if (bytes.length == 0 || type == null || !type.startsWith("image/")) {
            throw ApiException.refusedUpload("no image: a body and an image/* Content-Type are required");
        }
        if (!store.files().store(id, bytes, type)) {
            throw ApiException.refusedUpload("the upload URL is used already");
        }
        store.accountStore().countExecuted("upload");
        return ok(json.nullNode());
    }
}
