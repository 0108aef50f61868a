package io.effortmap.launcher.platform;

/** A problem the user can fix; its message is printed as is, without a stack trace. */
public class LaunchException extends RuntimeException {

    public LaunchException(String message) {
        super(message);
    }
}
