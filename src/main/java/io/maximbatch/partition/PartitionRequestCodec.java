package io.maximbatch.partition;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.core.serializer.Deserializer;
import org.springframework.core.serializer.Serializer;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.GenericMessage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Partition requests as they wait in the job database: JSON holding the step's name and the partition's step
 * execution id, all a worker needs; never Java serialization, so nothing in the table can make a class be loaded.
 */
final class PartitionRequestCodec implements Serializer<Message<?>>, Deserializer<Message<?>> {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public void serialize(Message<?> message, OutputStream out) {
        if (!(message.getPayload() instanceof StepExecutionRequest request)) {
            throw new IllegalArgumentException("only partition requests go through this queue, not " + message.getPayload().getClass());
        }
        JSON.writeValue(out, Map.of("step", request.getStepName(), "stepExecutionId", request.getStepExecutionId()));
    }

    @Override
    public Message<?> deserialize(InputStream in) {
        JsonNode request = JSON.readTree(in);
        if (!request.path("step").isString() || !request.path("stepExecutionId").isIntegralNumber()) {
            throw new IllegalArgumentException("not a partition request: " + request);
        }
        return new GenericMessage<>(new StepExecutionRequest(request.get("step").asString(), request.get("stepExecutionId").asLong()));
    }
}
