package io.maximbatch.legacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maximbatch.legacy.EjabberdRoomOpts.Affiliation;
import io.maximbatch.legacy.ErlangTerm.Atom;
import io.maximbatch.legacy.ErlangTerm.Bin;
import io.maximbatch.legacy.ErlangTerm.Str;
import io.maximbatch.legacy.ErlangTerm.Tuple;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErlangTermTest {

    @Test
    void readsTheTermsIoLibPrintWrites() {
        assertThat(ErlangTerm.parse("owner")).isEqualTo(new Atom("owner"));
        assertThat(ErlangTerm.parse("'Quoted atom'")).isEqualTo(new Atom("Quoted atom"));
        assertThat(ErlangTerm.parse("-42")).isEqualTo(-42L);
        assertThat(ErlangTerm.parse("123456789012345678901234567890")).isEqualTo(new BigInteger("123456789012345678901234567890"));
        assertThat(ErlangTerm.parse("1.5e3")).isEqualTo(1500.0);
        assertThat(ErlangTerm.parse("\"a\\\"b\"")).isEqualTo(new Str("a\"b"));
        assertThat(ErlangTerm.parse("[]")).isEqualTo(List.of());
        assertThat(ErlangTerm.parse("{a, [1,2], {}}")).isEqualTo(new Tuple(List.of(new Atom("a"), List.of(1L, 2L), new Tuple(List.of()))));
        assertThat(ErlangTerm.parse("#{a => 1,<<\"k\">> => []}")).isInstanceOfSatisfying(Map.class, m -> assertThat(m).hasSize(2)
                .containsEntry(new Atom("a"), 1L));
        assertThat(ErlangTerm.parse(" [x] . ")).isEqualTo(List.of(new Atom("x")));
    }

    @Test
    void aBinarysBytesAreUtf8TextWhicheverWayTheyArePrinted() {
        assertThat(text("<<>>")).isEmpty();
        assertThat(text("<<\"Room \\\"one\\\" \\\\ two\">>")).isEqualTo("Room \"one\" \\ two");
        // Printable as latin1: each byte shown as a character; "Ã©" are the two bytes of UTF-8 "é".
        assertThat(text("<<\"Caf\u00c3\u00a9\">>")).isEqualTo("Café");
        // The same bytes as a UTF-8 column gives them back: the text itself.
        assertThat(text("<<\"Café 技术\">>")).isEqualTo("Café 技术");
        // Not printable as latin1: a byte list.
        byte[] han = "技术".getBytes(StandardCharsets.UTF_8);
        StringBuilder bytes = new StringBuilder("<<");
        for (int i = 0; i < han.length; i++) {
            bytes.append(i == 0 ? "" : ",").append(han[i] & 0xFF);
        }
        assertThat(text(bytes.append(">>").toString())).isEqualTo("技术");
        assertThat(text("<<\"\\x41\\101\\n\">>")).isEqualTo("AA\n");
    }

    @Test
    void aTextThatIsNotATermSaysWhere() {
        assertThatThrownBy(() -> ErlangTerm.parse("[a,")).hasMessageContaining("at character 4");
        assertThatThrownBy(() -> ErlangTerm.parse("<<256>>")).hasMessageContaining("a byte (0..255)");
        assertThatThrownBy(() -> ErlangTerm.parse("{a} b")).hasMessageContaining("unexpected text");
        assertThatThrownBy(() -> ErlangTerm.parse("<<\"open")).hasMessageContaining("closing");
        // Each of these threw NumberFormatException, IllegalArgumentException or StringIndexOutOfBounds.
        for (String broken : List.of("1.5e", "\"\\x{110000}\"", "\"\\x{}\"", "\"\\xZZ\"", "\"\\^", "<<1,", "[-", "<<-1>>", "٣")) {
            assertThatThrownBy(() -> ErlangTerm.parse(broken)).as(broken).isInstanceOf(ErlangTermException.class);
        }
        assertThat(ErlangTerm.parse("1" + "0".repeat(63))).as("64 digits").isEqualTo(BigInteger.TEN.pow(63));
        assertThatThrownBy(() -> ErlangTerm.parse("1" + "0".repeat(64))).hasMessageContaining("more than 64 digits");
    }

    @Test
    void aRoomsTitleDescriptionAndAffiliations() {
        String opts = "[{title,<<\"Caf\u00c3\u00a9 \\\"team\\\"\">>},{description,<<230,138,128,230,156,175>>},{allow_change_subj,true},"
                + "{max_users,200},{affiliations,[{{<<\"alice\">>,<<\"example.org\">>,<<>>},{owner,<<>>}},"
                + "{{<<\"bob\">>,<<\"example.org\">>,<<>>},{admin,<<\"trusted\">>}},{{<<\"eve\">>,<<\"example.org\">>,<<>>},outcast},"
                + "{{<<\"zed\">>,<<\"other.net\">>,<<>>},{member,<<>>}}]},{subject,[{text,<<>>,<<\"Hello\">>}]},"
                + "{subject_author,{<<\"alice\">>,<<>>}},{hibernation_time,1700000000000000}]";

        EjabberdRoomOpts room = EjabberdRoomOpts.parse(opts);

        assertThat(room.title()).isEqualTo("Café \"team\"");
        assertThat(room.description()).isEqualTo("技术");
        assertThat(room.affiliations()).containsExactly(new Affiliation("alice", "example.org", "owner"),
                new Affiliation("bob", "example.org", "admin"), new Affiliation("eve", "example.org", "outcast"),
                new Affiliation("zed", "other.net", "member"));
        assertThat(EjabberdRoomOpts.parse("[{title,<<>>}]")).isEqualTo(new EjabberdRoomOpts("", null, List.of()));
    }

    private static String text(String binary) {
        return ((Bin) ErlangTerm.parse(binary)).text();
    }
}
