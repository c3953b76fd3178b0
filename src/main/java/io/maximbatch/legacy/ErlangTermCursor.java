package io.maximbatch.legacy;

import java.math.BigInteger;

/**
 * A position in a term's text and the tokens read from there: numbers, quoted text with its escapes, bare atom names.
 * A problem names the character it was found at.
 */
final class ErlangTermCursor {

    private final String in;
    private int at;

    ErlangTermCursor(String in) {
        this.in = in;
    }

    boolean atEnd() {
        return at >= in.length();
    }

    /** The character here (there must be one). */
    char current() {
        return in.charAt(at);
    }

    /** The character here, moving past it. */
    char next() {
        return in.charAt(at++);
    }

    /** Moves past the token when the text goes on with it. */
    boolean take(String token) {
        if (!in.startsWith(token, at)) {
            return false;
        }
        at += token.length();
        return true;
    }

    void skipSpace() {
        while (at < in.length() && Character.isWhitespace(in.charAt(at))) {
            at++;
        }
    }

    IllegalArgumentException problem(String what) {
        return new IllegalArgumentException(what + " at character " + (at + 1) + " of the term");
    }

    /** An unquoted atom's name: a lower-case letter, then letters, digits, '_' and '@'. */
    String atomName() {
        int start = at;
        while (at < in.length() && (Character.isLetterOrDigit(in.charAt(at)) || in.charAt(at) == '_' || in.charAt(at) == '@')) {
            at++;
        }
        return in.substring(start, at);
    }

    /** An integer (Long, or BigInteger when it needs 64 bits or more) or a float (Double). */
    Object number() {
        int start = at;
        if (in.charAt(at) == '-') {
            at++;
        }
        int digits = at;
        while (at < in.length() && Character.isDigit(in.charAt(at))) {
            at++;
        }
        if (at == digits) {
            throw problem("a number was expected");
        }
        boolean real = false;
        if (at + 1 < in.length() && in.charAt(at) == '.' && Character.isDigit(in.charAt(at + 1))) {
            real = true;
            at++;
            while (at < in.length() && Character.isDigit(in.charAt(at))) {
                at++;
            }
            if (at < in.length() && (in.charAt(at) == 'e' || in.charAt(at) == 'E')) {
                at++;
                if (at < in.length() && (in.charAt(at) == '+' || in.charAt(at) == '-')) {
                    at++;
                }
                while (at < in.length() && Character.isDigit(in.charAt(at))) {
                    at++;
                }
            }
        }
        String text = in.substring(start, at);
        if (real) {
            return Double.parseDouble(text);
        }
        BigInteger value = new BigInteger(text);
        return value.bitLength() < 64 ? (Object) value.longValue() : value;
    }

    /** The text up to the closing quote (already past the opening one), escapes resolved. */
    String quoted(char quote) {
        StringBuilder text = new StringBuilder();
        while (true) {
            if (at >= in.length()) {
                throw problem("the closing " + quote + " is missing");
            }
            char c = in.charAt(at++);
            if (c == quote) {
                return text.toString();
            }
            if (c != '\\') {
                text.append(c);
                continue;
            }
            if (at >= in.length()) {
                throw problem("an escape is cut short");
            }
            char e = in.charAt(at++);
            switch (e) {
                case 'n' -> text.append('\n');
                case 't' -> text.append('\t');
                case 'r' -> text.append('\r');
                case 'b' -> text.append('\b');
                case 'f' -> text.append('\f');
                case 'v' -> text.append('\u000B');
                case 'e' -> text.append('\u001B');
                case 's' -> text.append(' ');
                case 'd' -> text.append('\u007F');
                case 'x' -> text.appendCodePoint(hex());
                case '^' -> text.append((char) (in.charAt(at++) & 0x1F));
                default -> {
                    if (e >= '0' && e <= '7') {
                        int value = e - '0';
                        for (int i = 0; i < 2 && at < in.length() && in.charAt(at) >= '0' && in.charAt(at) <= '7'; i++) {
                            value = value * 8 + (in.charAt(at++) - '0');
                        }
                        text.append((char) value);
                    } else {
                        text.append(e);
                    }
                }
            }
        }
    }

    /** After "\x": two hex digits, or {digits}. */
    private int hex() {
        if (at < in.length() && in.charAt(at) == '{') {
            int end = in.indexOf('}', at);
            if (end < 0) {
                throw problem("'}' was expected");
            }
            int value = Integer.parseInt(in.substring(at + 1, end), 16);
            at = end + 1;
            return value;
        }
        if (at + 2 > in.length()) {
            throw problem("two hex digits were expected");
        }
        int value = Integer.parseInt(in.substring(at, at + 2), 16);
        at += 2;
        return value;
    }
}
