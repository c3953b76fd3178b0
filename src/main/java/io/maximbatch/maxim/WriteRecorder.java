package io.maximbatch.maxim;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import org.slf4j.MDC;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A dry run's MaxIM writes: never sent, answered as MaxIM answers a success (with made-up ids that later steps of the
 * same dry run resolve through the ID map), and counted per job step and endpoint ("POST /user/register/batch"), calls
 * and items. A registration of a username MaxIM already has is answered as MaxIM would refuse it, asked read-only.
 */
public final class WriteRecorder {

    /** Made-up ids start far above any MaxIM id, so that one can never be taken for a real user or group. */
    public static final long FIRST_ID = 9_000_000_000_000_000L;
    /** The MDC key a run's step threads (and their call threads) carry. */
    private static final String STEP = "step";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JSON.getNodeFactory();

    /** One endpoint's recorded calls and the items they carried. */
    public record Count(long calls, long items) {
    }

    /** How a dry run names an upload to the URL /file/upload/avatar/user gives. */
    public static final String UPLOAD = "PUT|POST upload_url";

    private final AtomicLong ids = new AtomicLong(FIRST_ID);
    private final Map<String, Map<String, LongAdder[]>> byStep = new ConcurrentHashMap<>();

    /** True for a path MaxIM changes something at: those are recorded, never sent (and what tests compare). */
    public static boolean writes(String method, String path) {
        // An upload URL is asked only to upload: the dry run answers it too.
        return (!method.equals("GET") || path.equals(AvatarUpload.PATH)) && !path.equals("/roster/list") && !path.equals("/group/info/batch")
                && !path.equals("/group/members/display_name") && !path.equals(PushTaskDetails.PATH);
    }

    /** The envelope MaxIM would answer this write with; taken says whether MaxIM has a username already (a read). */
    JsonNode answer(String method, String pathAndQuery, Long actingUserId, Object body, Predicate<String> taken) {
        String path = MaximTransport.endpointOf(pathAndQuery);
        JsonNode request = body == null ? NODES.objectNode() : JSON.valueToTree(body);
        count(method + " " + path, ApiItems.of(request));
        ObjectNode envelope = NODES.objectNode().put("code", ErrorCodes.OK).put("message", "");
        switch (path) {
            case "/user/register/v2" -> {
                String username = request.path("username").asString();
                if (taken.test(username)) {
                    throw new MaximException(path + ": code " + ErrorCodes.USER_EXISTS + " user already exists",
                            ErrorCodes.ofCode(ErrorCodes.USER_EXISTS), 200, ErrorCodes.USER_EXISTS, null, false, null);
                }
                envelope.putObject("data").put("user_id", ids.incrementAndGet()).put("username", username);
            }
            case "/user/register/batch" -> {
                ArrayNode results = envelope.putArray("data");
                request.path("list").forEach(item -> {
                    String username = item.path("username").asString();
                    boolean exists = taken.test(username);
                    ObjectNode result = results.addObject().put("username", username).put("success", !exists);
                    if (exists) {
                        result.putNull("user_id").put("reason", "user already exists");
                    } else {
                        result.put("user_id", ids.incrementAndGet()).putNull("reason");
                    }
                });
            }
            case "/user/profile/batch", "/user/avatar/batch" -> {
                ArrayNode results = envelope.putArray("data");
                request.path("list").forEach(item -> results.addObject().put("user_id", item.path("user_id").asLong())
                        .put("success", true).putNull("reason"));
            }
            case "/group/create" -> envelope.putObject("data").put("group_id", ids.incrementAndGet())
                    .put("owner_id", actingUserId).put("name", request.path("name").asString());
            case "/group/invite", "/group/admin/add", "/group/kick", "/group/block" -> {
                ArrayNode results = envelope.putArray("data");
                request.path("user_list").forEach(user -> results.addObject().put("user_id", user.asLong()).put("result", "success"));
            }
            case "/group/announcement/edit" -> envelope.putObject("data").put("id", ids.incrementAndGet())
                    .put("group_id", request.path("group_id").asLong()).put("author", actingUserId)
                    .put("title", request.path("title").asString()).put("content", request.path("content").asString());
            case AvatarUpload.PATH -> {
                long id = ids.incrementAndGet();
                envelope.putObject("data").put("upload_url", "https://dry-run.invalid/upload/" + id).put("upload_method", "PUT")
                        .put("download_url", "https://dry-run.invalid/avatar/" + id).putObject("oss_body_param");
            }
            case "/push/notify" -> envelope.putObject("data").put("task_id", ids.incrementAndGet());
            case "/message/send" -> {
                // The vendor gives a message id for one receiver only.
                envelope.put("data", true);
                if (request.path("targets").size() == 1) {
                    envelope.putArray("msg_ids").add(ids.incrementAndGet());
                }
            }
            default -> envelope.put("data", true);
        }
        return envelope;
    }

    /** An upload a dry run would make, counted as "PUT|POST upload_url": MaxIM's answer picks the method and the URL. */
    void uploaded() {
        count(UPLOAD, 1);
    }

    private void count(String endpoint, int items) {
        String step = MDC.get(STEP);
        // A partition's calls count for its partitioned step ("users:partition2" is "users").
        String key = step == null ? "" : step.contains(":") ? step.substring(0, step.indexOf(':')) : step;
        LongAdder[] counts = byStep.computeIfAbsent(key, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(endpoint, e -> new LongAdder[] {new LongAdder(), new LongAdder()});
        counts[0].increment();
        counts[1].add(items);
    }

    /** The writes recorded while the step so named ran, by endpoint, in the endpoints' order. */
    public Map<String, Count> of(String step) {
        Map<String, Count> counts = new TreeMap<>();
        byStep.getOrDefault(step, Map.of()).forEach((endpoint, c) -> counts.put(endpoint, new Count(c[0].sum(), c[1].sum())));
        return counts;
    }
}
