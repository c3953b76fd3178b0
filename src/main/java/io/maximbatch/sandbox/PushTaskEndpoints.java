package io.maximbatch.sandbox;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.maximbatch.sandbox.MaximApi.Answer;
import io.maximbatch.sandbox.MaximApi.Request;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * POST /push/task/detail: per task asked, the figures of {@link SandboxDelivery}. As the vendor leaves the answer's
 * order and unknown tasks undocumented, the list comes in the reverse of the order asked, without the unknown tasks.
 */
final class PushTaskEndpoints extends Endpoints {

    PushTaskEndpoints(SandboxStore store, JsonMapper json) {
        super(store, json);
    }

    @Override
    void routes(MaximApi api) {
        api.route("POST", "/push/task/detail", true, this::taskDetail);
    }

    private Answer taskDetail(Request r) throws ApiException {
        List<Long> asked = new ArrayList<>(longs(body(r).get("list"), "list", Integer.MAX_VALUE, false));
        Map<Long, Set<Long>> reached = new HashMap<>();
        store.pushes().forEach(push -> reached.put(push.taskId(), push.reached()));
        Collections.reverse(asked);
        ArrayNode details = json.createArrayNode();
        asked.stream().distinct().filter(reached::containsKey).forEach(taskId -> {
            ObjectNode detail = details.addObject();
            SandboxDelivery.ofUsers(reached.get(taskId)).forEach((channel, f) -> detail.put(channel + "_target", f.target())
                    .put(channel + "_sent", f.sent()).put(channel + "_received", f.received()));
            detail.put("task_id", taskId);
        });
        return ok(details);
    }
}
