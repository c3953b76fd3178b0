package io.maximbatch.sandbox;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The answers a fault switch gives instead of an endpoint's, with no work done: shapes the Swagger allows. */
final class FaultAnswers {

    private FaultAnswers() {
    }

    /** Code 200 with `data: false`: the Swagger's Response«boolean» saying the call was not carried out. */
    static ObjectNode answerFalse(JsonMapper json) {
        ObjectNode reply = json.createObjectNode().put("code", 200);
        reply.putNull("message");
        reply.put("data", false);
        return reply;
    }

    /**
     * Code 200 with every item of the request failing with reason: each user of a user_list {user_id, result: "fail",
     * reason} (GroupUserRelationResponse), each {user_id} of a list {user_id, success: false, reason} (Batch*Dto).
     */
    static ObjectNode failedItems(JsonMapper json, byte[] body, String reason) {
        JsonNode request;
        try {
            request = json.readTree(body);
        } catch (JacksonException e) {
            request = null;
        }
        if (request == null) {
            request = json.createObjectNode();
        }
        ObjectNode reply = json.createObjectNode().put("code", 200);
        reply.putNull("message");
        ArrayNode data = reply.putArray("data");
        request.path("user_list").forEach(user -> data.addObject().put("user_id", user.asLong()).put("result", "fail").put("reason", reason));
        request.path("list").forEach(item -> data.addObject().put("user_id", item.path("user_id").asLong()).put("success", false)
                .put("reason", reason));
        return reply;
    }
}
