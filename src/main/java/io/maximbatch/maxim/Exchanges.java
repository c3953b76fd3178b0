package io.maximbatch.maxim;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/** How the client's calls reach MaxIM: through the guard (rate limit, retries), or in a dry run a write to the recorder. */
final class Exchanges {

    private final MaximTransport transport;
    private final CallGuard guard;
    private final WriteRecorder recorder;
    private final Predicate<String> taken;

    /** taken: whether MaxIM has a username, which the recorder asks before it answers a registration. */
    Exchanges(MaximTransport transport, CallGuard guard, WriteRecorder recorder, Predicate<String> taken) {
        this.transport = transport;
        this.guard = guard;
        this.recorder = recorder;
        this.taken = taken;
    }

    /** A call retried as the guard retries reads; the answer's data. */
    JsonNode call(String method, String path, Long actingUserId, Object body, CallTrace trace) {
        return send(method, path, actingUserId, body, attempt -> guard.call(MaximTransport.endpointOf(path), attempt, trace)).path("data");
    }

    /** A call whose answer is the Swagger's Response«boolean», retried as reads are: data false is MaxIM refusing it. */
    void confirmed(String method, String path, Long actingUserId, Object body, CallTrace trace) {
        confirm(path, call(method, path, actingUserId, body, trace));
    }

    /**
     * A Response«boolean» write that sets a value (the same again changes nothing), retried as reads are; an answer
     * false is a refusal only when held says MaxIM lacks the value (false may as well mean "nothing to change").
     */
    void confirmedOrHeld(String method, String path, Long actingUserId, Object body, CallTrace trace, BooleanSupplier held) {
        confirmUnlessHeld(path, call(method, path, actingUserId, body, trace), held);
    }

    /**
     * A Response«boolean» write that, after a failure which may have carried it out, is sent again only when carriedOut
     * says MaxIM lacks what it does (MaxIM counts each one). An answer false is a refusal only when MaxIM lacks it too:
     * the vendor does not say what false means, and "nothing to change" is as likely as "refused".
     */
    void confirmedUnlessCarriedOut(String method, String path, Long actingUserId, Object body, CallTrace trace, BooleanSupplier carriedOut) {
        confirmUnlessHeld(path, unlessCarriedOut(method, path, actingUserId, body, trace, carriedOut), carriedOut);
    }

    /** The data of a Response«boolean»; false refuses the record only when held says MaxIM lacks what the call does. */
    private static void confirmUnlessHeld(String path, JsonNode data, BooleanSupplier held) {
        if (!(data.isBoolean() && !data.asBoolean() && held.getAsBoolean())) {
            confirm(path, data);
        }
    }

    /** A write sent again after a failure that may have carried it out only when carriedOut says MaxIM lacks it; its data (missing when carried out). */
    JsonNode unlessCarriedOut(String method, String path, Long actingUserId, Object body, CallTrace trace, BooleanSupplier carriedOut) {
        return send(method, path, actingUserId, body, attempt -> guard.callUnlessCarriedOut(MaximTransport.endpointOf(path), attempt,
                trace, carriedOut)).path("data");
    }

    /** A call not retried once it may have been carried out (the caller reads back instead); the answer's data. */
    JsonNode once(String method, String path, Object body, CallTrace trace) {
        return send(method, path, null, body, attempt -> guard.call(path, attempt, trace, false)).path("data");
    }

    /** The data of a Response«boolean»; false (MaxIM did not carry the call out, with no code) is a refusal of the record. */
    static JsonNode confirm(String path, JsonNode data) {
        if (data.isBoolean() && !data.asBoolean()) {
            throw MaximException.answeredFalse(MaximTransport.endpointOf(path));
        }
        return data;
    }

    /**
     * A call through its guard, or in a dry run a write answered by the recorder at once: the plan's duration is
     * reckoned at the rate instead. A registration's "does MaxIM have that name" is asked as a read, at the rate.
     */
    JsonNode send(String method, String path, Long actingUserId, Object body, Function<Supplier<JsonNode>, JsonNode> guarded) {
        if (recorder != null && WriteRecorder.writes(method, MaximTransport.endpointOf(path))) {
            return recorder.answer(method, path, actingUserId, body, taken);
        }
        JsonNode envelope = guarded.apply(() -> transport.exchange(method, path, actingUserId, body));
        return envelope == null ? MissingNode.getInstance() : envelope;
    }

    /** An upload to storage, guarded as a write that is never sent twice blindly; in a dry run counted, never sent. */
    void upload(String method, String url, Map<String, String> form, byte[] bytes, String contentType) {
        if (recorder != null) {
            recorder.uploaded();
            return;
        }
        guard.call(method + " upload_url", () -> {
            transport.upload(method, url, form, bytes, contentType);
            return null;
        }, new CallTrace(), false);
    }

    boolean recording() {
        return recorder != null;
    }

    /** A GET of one page as the user, after the page of cursor (null: the first): the whole envelope (data, cursor). */
    JsonNode page(String endpoint, String path, String cursor, Long actingUserId) {
        String paged = cursor == null ? path : path + "&cursor=" + encode(cursor);
        return guard.call(endpoint, () -> transport.exchange("GET", paged, actingUserId, null), new CallTrace());
    }

    /** A list of ids beside an answer's data (msg_ids): none when absent or not a list; null entries left out. */
    List<Long> ids(JsonNode node) {
        List<Long> ids = node.isArray() ? transport.convert(node, new TypeReference<List<Long>>() { }) : null;
        return ids == null ? List.of() : ids.stream().filter(Objects::nonNull).toList();
    }

    /** The members of a list read that name a user: an entry without a user_id (the Swagger requires none) names nobody. */
    static List<MaximModel.Member> named(List<MaximModel.Member> members) {
        return members.stream().filter(m -> m != null && m.userId() != null).toList();
    }

    /** An answer's part as the type the Swagger gives it. */
    <T> T convert(JsonNode node, TypeReference<T> type) {
        return transport.convert(node, type);
    }

    /** An answer of this path that is not what the Swagger documents (a failure, never a rejected record). */
    MaximException malformed(String path, String why) {
        return transport.malformed(path, why);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A paged answer's cursor of the next page; null (absent or empty) after the last page. */
    /** An int64 as a JSON number or as its digits in a string (as int64 values often travel); null for anything else. */
    static Long int64(JsonNode value) {
        if (value.isIntegralNumber()) {
            return value.asLong();
        }
        return value.isString() && value.asString().matches("\\d{1,18}") ? Long.valueOf(value.asString()) : null;
    }

    static String cursorOf(JsonNode envelope) {
        JsonNode next = envelope.path("cursor");
        return next.isMissingNode() || next.isNull() || next.asString().isEmpty() ? null : next.asString();
    }
}
