package io.maximbatch.step;

/** Another writer recorded one of the chunk's items after the chunk looked; nothing was sent: decide the chunk again. */
public final class DecideAgain extends RuntimeException {

    public DecideAgain(RuntimeException cause) {
        super(cause.getMessage(), cause);
    }
}
