package io.maximbatch.maxim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maximbatch.maxim.StubMaxim.Answer;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Lists read to their end, as a server that answers pages smaller than asked for still lists every entry. */
class PagedListsTest {


    private final StubMaxim stub = new StubMaxim();
    private final MaximClient client = stub.client();

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void aShortPageOfTheUserListIsNotItsEnd() {
        stub.answer(Answer.ok("[{\"user_id\":1,\"username\":\"ann\",\"status\":0},{\"user_id\":2,\"username\":\"bo\",\"status\":0}]"),
                Answer.ok("[{\"user_id\":3,\"username\":\"cy\",\"status\":0},{\"user_id\":4,\"username\":\"di\",\"status\":1}]"),
                Answer.ok("[]"));

        var found = PagedLists.users(client, List.of(1L, 4L, 99L));

        assertThat(found.keySet()).containsExactlyInAnyOrder(1L, 4L);
        assertThat(found.get(4L).disabled()).isTrue();
        assertThat(stub.seen()).extracting(StubMaxim.Seen::pathAndQuery)
                .containsExactly("/user/list?page_num=1&page_size=200", "/user/list?page_num=2&page_size=200", "/user/list?page_num=3&page_size=200");
    }

    @Test
    void theUserListIsReadOnlyUntilEveryoneWantedIsFound() {
        stub.answer(Answer.ok("[{\"user_id\":1,\"username\":\"ann\",\"status\":0}]"), Answer.ok("[{\"user_id\":2,\"username\":\"bo\",\"status\":0}]"));

        assertThat(PagedLists.users(client, List.of(1L)).keySet()).containsExactly(1L);
        assertThat(stub.seen()).hasSize(1);
    }

    @Test
    void aPageListingNobodyNewEndsTheUserListAsAnEmptyOneDoes() {
        String page = "[{\"user_id\":1,\"username\":\"ann\",\"status\":0}]";
        // A server that answers a page past the end with the last page again.
        stub.answer(Answer.ok(page)).thenAlways(Answer.ok(page));

        assertThat(PagedLists.users(client, List.of(1L, 2L)).keySet()).containsExactly(1L);
        assertThat(stub.seen()).hasSize(2);
    }

    @Test
    void anEmptyPageEndsAMemberListThoughItHasACursorAndNoDataIsAnEmptyPage() {
        stub.answer(Answer.json("{\"code\":200,\"data\":[{\"user_id\":5,\"display_name\":\"Ann\"},{\"user_id\":6}],\"cursor\":\"c1\"}"),
                Answer.json("{\"code\":200,\"data\":[],\"cursor\":\"c2\"}"),
                Answer.json("{\"code\":200,\"data\":null,\"cursor\":\"c3\"}"));

        assertThat(PagedLists.displayNames(client, 5, 7)).containsEntry(5L, "Ann").containsKey(6L).hasSize(2);
        assertThat(PagedLists.members(client, 5, 8)).isEmpty();
        assertThat(stub.seen()).extracting(StubMaxim.Seen::pathAndQuery).containsExactly(
                "/group/member_list?group_id=7&limit=1000", "/group/member_list?group_id=7&limit=1000&cursor=c1",
                "/group/member_list?group_id=8&limit=1000");
    }

    @Test
    void aCursorThatComesBackWithEntriesIsAnErrorNotAListReadForever() {
        stub.thenAlways(Answer.json("{\"code\":200,\"data\":[{\"user_id\":5}],\"cursor\":\"same\"}"));

        assertThatThrownBy(() -> PagedLists.members(client, 5, 7)).isInstanceOf(IllegalStateException.class)
                .hasMessage("the member list of group 7 repeats cursor same");
        assertThat(stub.seen()).hasSize(2);
    }
}
