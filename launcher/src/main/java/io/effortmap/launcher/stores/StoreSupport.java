package io.effortmap.launcher.stores;

/** Shared behaviour of the store processes. */
final class StoreSupport {

    private StoreSupport() {
    }

    /** A store must not outlive the launcher that started it, even when the launcher was killed outright. */
    static void exitWithParent() {
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> System.exit(0)));
    }
}
