package io.maximbatch.maxim;

import static org.assertj.core.api.Assertions.assertThat;

import io.maximbatch.maxim.StubMaxim.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A block MaxIM answers 10006 or false is already done only when the owner's own blacklist holds it. */
class RosterBlocksTest {


    private final StubMaxim stub = new StubMaxim();
    private final MaximClient client = stub.client();

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void userInBlacklistIsAlreadyDoneWhenTheOwnersBlacklistHoldsTheBlock() {
        stub.answer(Answer.json("{\"code\":10006,\"message\":\"user in blacklist\"}"), Answer.ok("[3, 9]"));

        assertThat(RosterBlocks.block(client, 1, 9).status()).isEqualTo(ItemResult.Status.ALREADY_DONE);
        assertThat(stub.seen()).extracting(StubMaxim.Seen::pathAndQuery).containsExactly("/roster/block?user_id=9", "/roster/blocked_list");
    }

    @Test
    void userInBlacklistIsRefusedWhenItMeansTheOtherBlockedTheOwner() {
        stub.answer(Answer.json("{\"code\":10006,\"message\":\"user in blacklist\"}"), Answer.ok("[3]"));

        ItemResult<Void> result = RosterBlocks.block(client, 1, 9);

        assertThat(result.status()).isEqualTo(ItemResult.Status.REFUSED);
        assertThat(result.code()).isEqualTo("10006");
    }

    @Test
    void falseIsDoneWhenTheBlockIsThereAndRefusedWhenNot() {
        stub.answer(Answer.ok("false"), Answer.ok("[9]"), Answer.ok("false"), Answer.ok("null"));

        assertThat(RosterBlocks.block(client, 1, 9).status()).isEqualTo(ItemResult.Status.DONE);
        assertThat(RosterBlocks.block(client, 1, 8).code()).isEqualTo(ErrorCodes.ANSWERED_FALSE);
    }
}
