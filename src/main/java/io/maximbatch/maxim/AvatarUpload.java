package io.maximbatch.maxim;

import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

/**
 * A user's picture into MaxIM's storage: GET /file/upload/avatar/user as the user, then the bytes to the upload_url it
 * answers (PUT: the bytes with their type; POST: every oss_body_param field and the file). An upload URL may serve
 * once, so an upload whose answer was lost is sent again with a new one.
 */
public final class AvatarUpload {

    static final String PATH = "/file/upload/avatar/user";
    /** Upload URLs asked for one picture before the call fails (the chunk then fails, to resume). */
    private static final int URLS = 4;

    /** The Swagger's FileUploadDto. */
    record Target(String uploadUrl, String uploadMethod, Map<String, String> ossBodyParam, String downloadUrl) {
    }

    private AvatarUpload() {
    }

    /** The download URL of the picture once stored, uploaded as the user through the client's calls (a dry run's recorder included). */
    public static String send(MaximClient client, long userId, byte[] bytes, String contentType) {
        Exchanges exchanges = client.exchanges();
        for (int url = 1; ; url++) {
            Target target = target(exchanges, userId);
            try {
                exchanges.upload(target.uploadMethod(), target.uploadUrl(), target.ossBodyParam() == null ? Map.of() : target.ossBodyParam(),
                        bytes, contentType);
                return target.downloadUrl();
            } catch (MaximException e) {
                // Storing the same bytes again is harmless; only a fresh URL is sure to take them.
                if (url == URLS || !(e.mayHaveBeenExecuted() || e.errorClass() == ErrorClass.RETRYABLE)) {
                    throw e;
                }
            }
        }
    }

    private static Target target(Exchanges exchanges, long userId) {
        JsonNode data = exchanges.call("GET", PATH, userId, null, new CallTrace());
        Target target = exchanges.convert(data, new TypeReference<Target>() { });
        if (target == null || blank(target.uploadUrl()) || blank(target.downloadUrl())) {
            throw exchanges.malformed(PATH, "the answer has no upload_url or download_url");
        }
        String method = method(target);
        if (method == null) {
            throw exchanges.malformed(PATH, "the answer's upload_method is " + target.uploadMethod() + ", not POST or PUT");
        }
        return new Target(target.uploadUrl(), method, target.ossBodyParam(), target.downloadUrl());
    }

    /**
     * POST or PUT, as the answer names it in any case ("Upload method: POST/PUT", no enum and not required); without
     * one, form fields to send mean a POST form, none a PUT of the bytes. Null for any other method.
     */
    static String method(Target target) {
        if (blank(target.uploadMethod())) {
            return target.ossBodyParam() == null || target.ossBodyParam().isEmpty() ? "PUT" : "POST";
        }
        String method = target.uploadMethod().strip().toUpperCase(java.util.Locale.ROOT);
        return method.equals("PUT") || method.equals("POST") ? method : null;
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
