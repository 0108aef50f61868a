package io.effortmap.common.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/** A JSON string the stores cannot hold; {@link #problem()} says why in words a client can act on. */
public final class UnstorableTextException extends MismatchedInputException {

    private final String problem;

    UnstorableTextException(JsonParser parser, String problem) {
        super(parser, problem, String.class);
        this.problem = problem;
    }

    public String problem() {
        return problem;
    }
}
