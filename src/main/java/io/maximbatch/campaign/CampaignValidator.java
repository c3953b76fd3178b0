package io.maximbatch.campaign;

import io.maximbatch.jobfile.ReadableValidator;
import io.maximbatch.jobfile.SourceKeys;
import io.maximbatch.jobfile.Violations;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Checks a campaign's keys: one audience and message or segments (uniquely named), an audience of one kind that can be
 * read (`all: true` alone in its campaign, lists of at most one call's worth), and messages that can be sent.
 */
public final class CampaignValidator implements ConstraintValidator<ValidCampaign, CampaignKeys> {

    /** An image MaxIM can push: https, a .jpg, .jpeg or .png file (a query or fragment after it is fine). */
    private static final Pattern IMAGE_URL =
            Pattern.compile("(?i)https://[^/?#\\s]+/[^?#\\s]*\\.(jpe?g|png)([?#]\\S*)?");


    @Override
    public boolean isValid(CampaignKeys keys, ConstraintValidatorContext context) {
        List<String[]> problems = new ArrayList<>();
        if (keys.segments() == null) {
            audience(keys.audience(), "audience", keys, problems);
            message(keys.message(), "message", keys.push(), problems);
        } else {
            segments(keys, problems);
        }
        return Violations.report(context, problems);
    }

    private static void segments(CampaignKeys keys, List<String[]> problems) {
        if (keys.audience() != null || keys.message() != null) {
            problems.add(new String[] {"segments", "give either segments or one audience and message, not both"});
        }
        if (keys.segments().isEmpty()) {
            problems.add(new String[] {"segments", "expected a list of at least one mapping"});
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < keys.segments().size(); i++) {
            SegmentKeys segment = keys.segments().get(i);
            String at = "segments[" + i + "]";
            if (segment == null) {
                problems.add(new String[] {at, "expected a mapping"});
                continue;
            }
            if (segment.name() == null) {
                problems.add(new String[] {at + ".name", "missing: expected text"});
            } else if (!segment.name().matches("[a-z0-9-]+") || !names.add(segment.name())) {
                problems.add(new String[] {at + ".name", "expected a unique name of lower-case letters, digits and '-', got " + segment.name()});
            }
            audience(segment.audience(), at + ".audience", keys, problems);
            message(segment.message(), at + ".message", keys.push(), problems);
        }
        long lists = keys.segments().stream().filter(s -> s != null && s.audience() != null
                && (s.audience().tag() != null || s.audience().alias() != null)).count();
        if (lists > 0 && lists < keys.segments().size()) {
            // A step reads its lists in one chunk, so each goes out whole in one call; beside a source, a chunk could cut one.
            problems.add(new String[] {"segments", "tag and alias segments cannot share a step with csv, sql or all segments:"
                    + " put them in a push-campaign step of their own"});
        }
        if (keys.segments().size() > 1 && keys.segments().stream().anyMatch(s -> s != null && s.audience() != null && s.audience().all() != null)) {
            // `all` reaches every user: beside other segments, their users would be pushed twice.
            problems.add(new String[] {"segments", "an audience of `all: true` must be the campaign's only segment"});
        }
    }

    private static void audience(AudienceKeys audience, String at, CampaignKeys keys, List<String[]> problems) {
        if (audience == null) {
            problems.add(new String[] {at, "missing: expected a mapping"});
            return;
        }
        if (!keys.push()) {
            for (String listKind : List.of("tag", "alias", "all")) {
                if (listKind.equals("tag") ? audience.tag() != null : listKind.equals("alias") ? audience.alias() != null : audience.all() != null) {
                    problems.add(new String[] {at + "." + listKind, "unknown key (expected one of [columns, csv, jdbc, sql])"});
                }
            }
        }
        if (audience.kinds() > 1) {
            problems.add(new String[] {at + ".kind", "give one kind of audience: csv, sql (or jdbc), tag, alias or all"});
        } else if (audience.tag() != null || audience.alias() != null) {
            list(audience.tag() != null ? audience.tag() : audience.alias(), at + (audience.tag() != null ? ".tag" : ".alias"), problems);
        } else if (audience.all() != null) {
            if (!audience.all()) {
                problems.add(new String[] {at + ".all", "only `all: true` makes sense"});
            }
        } else {
            List<String> columns = keys.groups() ? Audience.GROUP_COLUMNS : Audience.USER_COLUMNS;
            SourceKeys source = audience.source();
            for (String[] problem : ReadableValidator.problems(source, List.of(), columns)) {
                problems.add(new String[] {problem[0] == null ? at : at + "." + problem[0], problem[1]});
            }
        }
    }

    private static void list(List<String> values, String at, List<String[]> problems) {
        if (values.isEmpty()) {
            problems.add(new String[] {at, "expected a list of at least one text"});
        }
        values.stream().filter(v -> v == null || v.isBlank()).findFirst().ifPresent(v -> problems.add(new String[] {at, "expected texts, got " + v}));
        if (values.size() > Audience.MAX_LIST) {
            // One call reaches a user once; a list split over calls could reach a user through two of them.
            problems.add(new String[] {at, "at most " + Audience.MAX_LIST + " per segment (one /push/notify call), got " + values.size()});
        }
    }

    private static void message(Map<String, Object> message, String at, boolean push, List<String[]> problems) {
        if (message == null) {
            problems.add(new String[] {at, "missing: expected a mapping"});
            return;
        }
        Set<String> allowed = push ? MessageFields.PUSH_KEYS : MessageFields.MESSAGE_KEYS;
        message.keySet().stream().filter(k -> !allowed.contains(k))
                .forEach(k -> problems.add(new String[] {at + "." + k, "unknown key (expected one of " + new TreeSet<>(allowed) + ")"}));
        for (String key : List.of("type", "title", "body", "attachment_url", "content", "from-user-id")) {
            Object value = message.get(key);
            if (value != null && MessageFields.text(message, key) == null) {
                problems.add(new String[] {at + "." + key, "expected text, got " + value});
            }
        }
        if (message.get("ext") != null && !(message.get("ext") instanceof Map<?, ?>)) {
            problems.add(new String[] {at + ".ext", "expected a mapping, got " + message.get("ext")});
        }
        if (push) {
            String type = MessageFields.text(message, "type") == null ? "text" : MessageFields.text(message, "type");
            if (!MessageFields.PUSH_TYPES.contains(type)) {
                problems.add(new String[] {at + ".type", "expected one of text | image | cmd, got " + type});
            }
            required(message, type.equals("text") ? "body" : type.equals("image") ? "attachment_url" : null, at, problems);
            String image = MessageFields.text(message, "attachment_url");
            if (image != null && !IMAGE_URL.matcher(image).matches()) {
                // MaxIM downloads the image once per push (12001-12004 otherwise): a URL it cannot use fails the whole campaign.
                problems.add(new String[] {at + ".attachment_url", "expected an https:// URL of a .jpg, .jpeg or .png image, got " + image});
            }
        } else {
            required(message, "content", at, problems);
            String from = MessageFields.text(message, "from-user-id");
            if (from != null && !from.matches("[0-9]{1,18}")) {
                problems.add(new String[] {at + ".from-user-id", "expected a MaxIM user id (a number), got " + from});
            }
        }
    }

    private static void required(Map<String, Object> message, String key, String at, List<String[]> problems) {
        if (key != null && MessageFields.text(message, key) == null) {
            problems.add(new String[] {at + "." + key, "missing: expected text"});
        }
    }
}
