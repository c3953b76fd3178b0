package io.maximbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The documentation a newcomer reads (README.md, docs/*.md, bench/README.md): its links lead to files of the
 * repository, and the maxim-batch commands of its code blocks are commands maxim-batch knows. ReadmeCommandsIT runs
 * those that need no setup.
 */
class DocsTest {

    static final Path PROJECT = Path.of("").toAbsolutePath();

    private static final String JAR = "target/maxim-batch.jar";
    private static final Pattern INLINE_LINK = Pattern.compile("\\[[^\\]]*\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    private static final Pattern REFERENCE_LINK = Pattern.compile("^\\s*\\[[^\\]]+\\]:\\s*<?(\\S+?)>?(?:\\s+.*)?$");
    private static final Pattern CODE_SPAN = Pattern.compile("(`+).*?\\1");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");

    /** A maxim-batch command shown in a code block: its page and line, the line as written, and its arguments. */
    record Command(Path page, int line, String text, List<String> args) {

        /** Run exactly as shown: `java -jar target/maxim-batch.jar ...`, no environment variables or JVM options first. */
        boolean plain() {
            return text.startsWith("java -jar " + JAR + " ");
        }

        @Override
        public String toString() {
            return PROJECT.relativize(page) + ":" + line + ": " + text;
        }
    }

    /** A relative link of a page, as written: a path, a path and '#' and an anchor, or '#' and an anchor. */
    record Link(Path page, int line, String target) {

        @Override
        public String toString() {
            return PROJECT.relativize(page) + ":" + line + ": " + target;
        }
    }

    /** README.md, every docs/*.md and bench/README.md. */
    static List<Path> pages() {
        List<Path> pages = new ArrayList<>();
        pages.add(PROJECT.resolve("README.md"));
        try (Stream<Path> docs = Files.list(PROJECT.resolve("docs"))) {
            docs.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().forEach(pages::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        pages.add(PROJECT.resolve("bench/README.md"));
        return pages;
    }

    /** Every line of a code block of the pages that runs the jar, lines continued with '\' joined. */
    static List<Command> commands() {
        List<Command> commands = new ArrayList<>();
        for (Path page : pages()) {
            List<String> lines = lines(page);
            boolean inBlock = false;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.startsWith("```")) {
                    inBlock = !inBlock;
                    continue;
                }
                if (!inBlock) {
                    continue;
                }
                int first = i;
                StringBuilder joined = new StringBuilder();
                while (line.endsWith("\\") && i + 1 < lines.size()) {
                    joined.append(line, 0, line.length() - 1).append(' ');
                    line = lines.get(++i).strip();
                }
                String text = joined.append(line).toString().replaceFirst("^\\$\\s+", "");
                List<String> words = words(text);
                int jar = words.indexOf(JAR);
                if (jar >= 0) {
                    commands.add(new Command(page, first + 1, text, List.copyOf(words.subList(jar + 1, words.size()))));
                }
            }
        }
        return commands;
    }

    /** Every link of the pages outside code that is not a web address or mail address. */
    static List<Link> relativeLinks() {
        List<Link> links = new ArrayList<>();
        for (Path page : pages()) {
            List<String> lines = lines(page);
            boolean inBlock = false;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.strip().startsWith("```")) {
                    inBlock = !inBlock;
                    continue;
                }
                if (inBlock) {
                    continue;
                }
                String text = CODE_SPAN.matcher(line).replaceAll("");
                Matcher inline = INLINE_LINK.matcher(text);
                while (inline.find()) {
                    add(links, page, i + 1, inline.group(1));
                }
                Matcher reference = REFERENCE_LINK.matcher(text);
                if (reference.matches()) {
                    add(links, page, i + 1, reference.group(1));
                }
            }
        }
        return links;
    }

    @Test
    void everyRelativeLinkLeadsToAFileOfTheRepositoryAndItsHeading() {
        List<Link> links = relativeLinks();
        assertThat(links).as("links found").hasSizeGreaterThan(20);
        List<String> broken = new ArrayList<>();
        for (Link link : links) {
            String target = link.target();
            int hash = target.indexOf('#');
            String file = hash < 0 ? target : target.substring(0, hash);
            String anchor = hash < 0 ? null : target.substring(hash + 1);
            Path resolved = file.isEmpty() ? link.page() : link.page().getParent().resolve(file).normalize();
            if (!resolved.startsWith(PROJECT) || !Files.exists(resolved)) {
                broken.add(link + " (no such file in the repository)");
            } else if (anchor != null && !(Files.isRegularFile(resolved) && anchors(resolved).contains(anchor))) {
                broken.add(link + " (no heading #" + anchor + " in " + PROJECT.relativize(resolved) + ")");
            }
        }
        assertThat(broken).as("broken links").isEmpty();
    }

    @Test
    void theDocsCiteNoFileOutsideTheRepository() {
        List<String> outside = new ArrayList<>();
        boolean designInRepository = Files.exists(PROJECT.resolve("DESIGN.md"));
        for (Path page : pages()) {
            List<String> lines = lines(page);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.contains("../shared") || !designInRepository && line.contains("DESIGN.md")) {
                    outside.add(PROJECT.relativize(page) + ":" + (i + 1) + ": " + line.strip());
                }
            }
        }
        assertThat(outside).as("lines citing ../shared or a DESIGN.md the repository does not hold").isEmpty();
    }

    @Test
    void everyCommandOfTheDocsIsOneMaximBatchKnows() {
        List<Command> commands = commands();
        assertThat(commands).as("commands found").hasSizeGreaterThan(10);
        List<String> unknown = new ArrayList<>();
        for (Command command : commands) {
            try {
                new CommandLine(new MaximBatchCommand()).parseArgs(command.args().toArray(String[]::new));
            } catch (CommandLine.ParameterException e) {
                unknown.add(command + " (" + e.getMessage() + ")");
            }
        }
        assertThat(unknown).as("commands maxim-batch would refuse").isEmpty();
    }

    /** The anchors of a page's headings as GitHub makes them: lower case, punctuation dropped, spaces as '-'. */
    static Set<String> anchors(Path page) {
        Set<String> anchors = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean inBlock = false;
        for (String line : lines(page)) {
            if (line.strip().startsWith("```")) {
                inBlock = !inBlock;
                continue;
            }
            Matcher heading = HEADING.matcher(line);
            if (inBlock || !heading.matches()) {
                continue;
            }
            String slug = heading.group(1).toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
            int times = seen.merge(slug, 1, Integer::sum);
            anchors.add(times == 1 ? slug : slug + "-" + (times - 1));
        }
        return anchors;
    }

    private static void add(List<Link> links, Path page, int line, String target) {
        if (!target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
            links.add(new Link(page, line, target));
        }
    }

    /** A shell line's words: quotes grouped and removed, stopping at a comment. */
    private static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else if (c == '#' && word == null) {
                break;
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    private static List<String> lines(Path page) {
        try {
            return Files.readAllLines(page, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
