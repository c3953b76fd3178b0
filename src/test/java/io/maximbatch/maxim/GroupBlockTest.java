package io.maximbatch.maxim;

import static org.assertj.core.api.Assertions.assertThat;

import io.maximbatch.maxim.StubMaxim.Answer;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A user whom /group/block's answer does not show blocked is looked up in the group's blacklist, whatever its words. */
class GroupBlockTest {


    private final StubMaxim stub = new StubMaxim();
    private final MaximClient client = stub.client();

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void aFailInAnyWordsIsAlreadyDoneWhenTheBlacklistHoldsTheUserAndRefusedWhenNot() {
        stub.answer(Answer.ok("[{\"user_id\":6,\"result\":\"success\"},{\"user_id\":5,\"result\":\"fail\",\"reason\":\"用户已在群黑名单中\"},"
                        + "{\"user_id\":4,\"result\":\"fail\",\"reason\":\"权限不足\"}]"),
                Answer.ok("[{\"user_id\":5},{\"user_id\":6},{\"user_id\":3}]"));

        List<ItemResult<Void>> results = GroupMembers.block(client, 1, 7, List.of(5L, 6L, 4L, 3L));

        assertThat(results).extracting(ItemResult::status).containsExactly(ItemResult.Status.ALREADY_DONE, ItemResult.Status.DONE,
                ItemResult.Status.REFUSED, ItemResult.Status.ALREADY_DONE);
        assertThat(results.get(2).reason()).contains("权限不足");
        assertThat(stub.seen()).extracting(StubMaxim.Seen::pathAndQuery).containsExactly("/group/block", "/group/blocked_list?group_id=7&limit=1000");
    }

    @Test
    void aWholeCallRefusedInGroupBlacklistBlocksAgainOnlyThoseNotHeld() {
        stub.answer(Answer.json("{\"code\":20018,\"message\":\"user in group blacklist\"}"), Answer.ok("[{\"user_id\":5}]"),
                Answer.ok("[{\"user_id\":6,\"result\":\"success\"}]"));

        List<ItemResult<Void>> results = GroupMembers.block(client, 1, 7, List.of(5L, 6L));

        assertThat(results).extracting(ItemResult::status).containsExactly(ItemResult.Status.ALREADY_DONE, ItemResult.Status.DONE);
        assertThat(stub.seen()).extracting(StubMaxim.Seen::body).last().asString().contains("\"user_list\":[6]");
    }
}
