package io.maximbatch.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every clause of the rewrite contract (issue 17), with its examples. */
class UsernameRewriteTest {

    @Test
    void aNameMaxImAcceptsIsNeverChanged() {
        for (String name : List.of("john_doe", "Maximilian", "MTA_ops", "a1", "_", "张三", "x".repeat(100))) {
            assertThat(UsernameRewrite.unchanged(name)).as(name).isTrue();
        }
        for (String name : List.of("john.doe", "x-y", "123", "maxim_bot", "mta", "", "a b")) {
            assertThat(UsernameRewrite.unchanged(name)).as(name).isFalse();
        }
    }

    @Test
    void eachRunOfOtherCharactersBecomesOneUnderscore() {
        assertThat(UsernameRewrite.base("john.doe")).isEqualTo("john_doe");
        assertThat(UsernameRewrite.base("x-y")).isEqualTo("x_y");
        assertThat(UsernameRewrite.base("x.y")).isEqualTo("x_y");
        assertThat(UsernameRewrite.base("a..--b")).isEqualTo("a_b");
        assertThat(UsernameRewrite.base("joe\\40example.com")).as("an XEP-0106 escape").isEqualTo("joe_40example_com");
        assertThat(UsernameRewrite.base("-lead.trail-")).isEqualTo("_lead_trail_");
        assertThat(UsernameRewrite.base("张三.李四")).isEqualTo("张三_李四");
        assertThat(UsernameRewrite.base("한국.name")).as("Hangul is outside the Han range: transliterated").isEqualTo("hangug_name");
        assertThat(UsernameRewrite.base("😀x")).as("a character outside the BMP is one run").isEqualTo("_x");
    }

    @Test
    void anEmptyAllDigitOrReservedResultIsPrefixed() {
        assertThat(UsernameRewrite.base("123")).isEqualTo("u_123");
        assertThat(UsernameRewrite.base("12.34")).as("digits and an underscore are not only digits").isEqualTo("12_34");
        assertThat(UsernameRewrite.base("maxim.bot")).isEqualTo("u_maxim_bot");
        assertThat(UsernameRewrite.base("mta-ops")).isEqualTo("u_mta_ops");
        assertThat(UsernameRewrite.base("Maxim-bot")).as("case-sensitive, as the vendor's pattern").isEqualTo("Maxim_bot");
        assertThat(UsernameRewrite.base("")).isEqualTo("u_");
    }

    @Test
    void theResultIsCutTo64() {
        String digits = "1".repeat(64);
        assertThat(UsernameRewrite.base(digits)).isEqualTo("u_" + "1".repeat(62)).hasSize(64);
        assertThat(UsernameRewrite.base("a.".repeat(40))).hasSize(64).startsWith("a_a_");
        assertThat(UsernameRewrite.unchanged(UsernameRewrite.base(digits))).isTrue();
    }

    @Test
    void runsInOtherScriptsAreTransliteratedFirst() {
        assertThat(UsernameRewrite.base("Иван.Петров")).as("the dot between two names is still a run").isEqualTo("Ivan_Petrov");
        assertThat(UsernameRewrite.base("김민준")).isEqualTo("gimminjun");
        assertThat(UsernameRewrite.base("Zoë")).isEqualTo("Zoe");
        assertThat(UsernameRewrite.unchanged("李娜")).as("Han is allowed: never changed").isTrue();
        assertThat(UsernameRewrite.base("李娜.Zoë")).isEqualTo("李娜_Zoe");
        assertThat(UsernameRewrite.base("Ελένη")).isEqualTo("Elene");
        assertThat(UsernameRewrite.base("123.Иван")).as("digits stay, the rest is transliterated").isEqualTo("123_Ivan");
        assertThat(UsernameRewrite.base("Максим")).as("a transliteration may reach a reserved prefix").isEqualTo("Maksim");
        assertThat(UsernameRewrite.base("😀")).as("what has no Latin form is still one underscore").isEqualTo("_");
    }

    @Test
    void aTakenNameGetsTheFirstFreeSuffixWithinTheLimit() {
        Set<String> taken = new HashSet<>(Set.of("john_doe"));
        // john.doe beside an unchanged john_doe: the unchanged one wins, whatever the order.
        assertThat(free(UsernameRewrite.base("john.doe"), taken)).isEqualTo("john_doe_2");
        // x-y and x.y: the first in the source's order gets x_y, the next x_y_2, then x_y_3.
        String first = free(UsernameRewrite.base("x-y"), taken);
        taken.add(first);
        String second = free(UsernameRewrite.base("x.y"), taken);
        taken.add(second);
        assertThat(List.of(first, second, free("x_y", taken))).containsExactly("x_y", "x_y_2", "x_y_3");
        // A 64-character name cut so that its suffix fits.
        String long64 = "b".repeat(64);
        assertThat(free(long64, Set.of(long64))).isEqualTo("b".repeat(62) + "_2").hasSize(64);
        Set<String> many = new HashSet<>(Set.of(long64));
        for (int n = 2; n <= 10; n++) {
            many.add(free(long64, many));
        }
        assertThat(many).contains("b".repeat(61) + "_10").allMatch(name -> name.length() <= 64);
        assertThat(UsernameRewrite.candidate("x_y", UsernameRewrite.firstFree("x_y", 7, name -> false))).as("from a kept next suffix")
                .isEqualTo("x_y_7");
    }

    private static String free(String base, Set<String> taken) {
        return UsernameRewrite.candidate(base, UsernameRewrite.firstFree(base, 1, taken::contains));
    }
}
