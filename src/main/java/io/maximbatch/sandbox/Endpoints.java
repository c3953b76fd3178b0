package io.maximbatch.sandbox;

import java.util.ArrayList;
import java.util.List;

import io.maximbatch.sandbox.MaximApi.Answer;
import io.maximbatch.sandbox.MaximApi.Request;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The endpoints of one MaxIM resource, over the sandbox's store; reading a request's body, query and headers as the
 * vendor documents them: a value of the wrong type (a string where the Swagger says int64, malformed JSON) is HTTP 400, as the
 * vendor's framework refuses it before any code of MaxIM runs; a missing or out-of-range value is a 10002.
 */
abstract class Endpoints {

    protected final SandboxStore store;
    protected final JsonMapper json;

    Endpoints(SandboxStore store, JsonMapper json) {
        this.store = store;
        this.json = json;
    }

    /** Adds this resource's endpoints to the API. */
    abstract void routes(MaximApi api);

    JsonNode body(Request r) throws ApiException {
        JsonNode node;
        try {
            node = json.readTree(r.body());
        } catch (JacksonException e) {
            throw ApiException.unreadable("malformed JSON body");
        }
        if (node == null || !node.isObject()) {
            throw ApiException.unreadable("body must be a JSON object");
        }
        return node;
    }

    /** Where a cursor-paged list starts (the cursor is a decimal offset) and how much it gives: the limit asked, at most max. */
    record Paging(int offset, int limit) {
    }

    Paging paging(Request r, int defaultLimit, int maxLimit) throws ApiException {
        String cursor = r.query().get("cursor");
        int offset = cursor == null || cursor.isEmpty() ? 0 : (int) parseLong(cursor, "cursor");
        String limitParam = r.query().get("limit");
        int limit = limitParam == null || limitParam.isEmpty() ? defaultLimit : (int) parseLong(limitParam, "limit");
        if (offset < 0 || limit <= 0) {
            throw ApiException.badRequest("cursor and limit must be positive");
        }
        return new Paging(offset, Math.min(limit, maxLimit));
    }

    /** The envelope's paging fields: the next page's cursor (none after the last page), and the list's version. */
    ObjectNode pageFields(int next, int total, long version) {
        ObjectNode extra = json.createObjectNode();
        if (next < total) {
            extra.put("cursor", Integer.toString(next));
        }
        extra.put("version", version);
        return extra;
    }

    long actingUser(Request r) throws ApiException {
        String header = r.headers().getFirst("user_id");
        if (header == null || header.isBlank()) {
            throw ApiException.noUser();
        }
        long id;
        try {
            id = Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            throw ApiException.unreadable("header user_id must be an integer");
        }
        store.usernameOf(id);
        return id;
    }

    static Answer ok(JsonNode data) {
        return new Answer(data, null);
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || !value.isValueNode() ? null : value.asString();
    }

    static long longField(JsonNode node, String field) throws ApiException {
        Long value = optionalLong(node, field);
        if (value == null) {
            throw ApiException.badRequest(field + " is required");
        }
        return value;
    }

    static Long optionalLong(JsonNode node, String field) throws ApiException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        return toLong(value, field);
    }

    static long toLong(JsonNode value, String field) throws ApiException {
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.asLong();
        }
        // The Swagger says int64: a string, even of digits, is not one.
        throw ApiException.unreadable(field + " must be a JSON integer");
    }

    /** A query parameter the Swagger types int64: missing is a 10002, not a number HTTP 400. */
    static long parseLong(String text, String field) throws ApiException {
        if (text == null || text.isBlank()) {
            throw ApiException.badRequest(field + " is required");
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw ApiException.unreadable(field + " must be an integer");
        }
    }

    static List<Long> longs(JsonNode node, String field, int max, boolean emptyAllowed) throws ApiException {
        if (node == null || node.isNull()) {
            if (emptyAllowed) {
                return List.of();
            }
            throw ApiException.badRequest(field + " is required");
        }
        if (!node.isArray()) {
            throw ApiException.unreadable(field + " must be an array of ids");
        }
        if (!emptyAllowed && node.isEmpty()) {
            throw ApiException.badRequest(field + " must be a non-empty array of ids");
        }
        if (node.size() > max) {
            throw ApiException.badRequest(field + " holds more than " + max + " ids");
        }
        List<Long> ids = new ArrayList<>(node.size());
        for (JsonNode entry : node) {
            ids.add(toLong(entry, field));
        }
        return ids;
    }
}
