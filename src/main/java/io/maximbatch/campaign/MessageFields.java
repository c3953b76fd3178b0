package io.maximbatch.campaign;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** A segment's message as the dispatchers send it: a push's type, title, body, attachment and ext, or a message's content. */
final class MessageFields {

    static final Set<String> PUSH_KEYS = Set.of("type", "title", "body", "attachment_url", "ext");
    static final Set<String> MESSAGE_KEYS = Set.of("content", "ext", "from-user-id");
    static final Set<String> PUSH_TYPES = Set.of("text", "image", "cmd");

    private MessageFields() {
    }

    /** The message's fields, texts as text (a number in YAML is its text), ext as a mapping (empty when not given). */
    static Map<String, Object> of(Map<String, Object> message, boolean push) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (push) {
            fields.put("type", text(message, "type") == null ? "text" : text(message, "type"));
            fields.put("title", text(message, "title"));
            fields.put("body", text(message, "body"));
            fields.put("attachment_url", text(message, "attachment_url"));
        } else {
            fields.put("content", text(message, "content"));
            fields.put("from-user-id", text(message, "from-user-id"));
        }
        Object ext = message.get("ext");
        fields.put("ext", ext instanceof Map<?, ?> map ? map : Map.of());
        return fields;
    }

    static String text(Map<String, Object> message, String key) {
        Object value = message.get(key);
        return value instanceof String || value instanceof Number ? value.toString() : null;
    }
}
