package io.maximbatch.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.GenericMessage;

/** Partition requests are stored as JSON, and a row that is not one (say, a Java-serialized object) is refused unread. */
class PartitionRequestCodecTest {

    private final PartitionRequestCodec codec = new PartitionRequestCodec();

    @Test
    void aRequestIsStoredAsJsonAndReadBack() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        codec.serialize(new GenericMessage<>(new StepExecutionRequest("users", 42L)), out);

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"step\":\"users\"").contains("\"stepExecutionId\":42");
        Message<?> read = codec.deserialize(new ByteArrayInputStream(out.toByteArray()));
        assertThat(read.getPayload()).isInstanceOfSatisfying(StepExecutionRequest.class, request -> {
            assertThat(request.getStepName()).isEqualTo("users");
            assertThat(request.getStepExecutionId()).isEqualTo(42L);
        });
    }

    @Test
    void aJavaSerializedRowIsNotDeserialized() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new GenericMessage<>(new StepExecutionRequest("users", 42L)));
        }

        assertThatThrownBy(() -> codec.deserialize(new ByteArrayInputStream(bytes.toByteArray()))).isInstanceOf(RuntimeException.class);
    }
}
