package io.maximbatch.maxim;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * POST /push/task/detail as the Swagger's TaskDetail gives it: per task, the raw per-channel figures by their field
 * names (apns_target, apns_sent, apns_received, ...). A test send prints them; the answer's order is not documented,
 * so the tasks are paired by task_id, and a task the answer leaves out is absent.
 */
public final class PushTaskFigures {

    private PushTaskFigures() {
    }

    public static Map<Long, Map<String, Long>> of(MaximClient client, List<Long> taskIds) {
        JsonNode data = client.exchanges().call("POST", "/push/task/detail", null, Map.of("list", taskIds), new CallTrace());
        Map<Long, Map<String, Long>> figures = new HashMap<>();
        for (JsonNode task : data.isArray() ? data : List.<JsonNode>of()) {
            if (!task.path("task_id").isIntegralNumber()) {
                continue;
            }
            Map<String, Long> fields = new TreeMap<>();
            task.properties().forEach(field -> {
                if (!field.getKey().equals("task_id") && field.getValue().isIntegralNumber()) {
                    fields.put(field.getKey(), field.getValue().asLong());
                }
            });
            figures.put(task.path("task_id").asLong(), fields);
        }
        return figures;
    }
}
