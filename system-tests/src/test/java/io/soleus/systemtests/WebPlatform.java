package io.soleus.systemtests;

/**
 * The platform with the web front end, shared by the browser journeys and then the demo data test (a
 * platform of seven processes takes a minute and more to start): started by whichever asks first,
 * stopped by the last ({@link #stop()}), or when the test JVM ends.
 */
final class WebPlatform {

    private static RunningPlatform platform;

    private WebPlatform() {
    }

    static synchronized RunningPlatform get() {
        if (platform == null) {
            platform = RunningPlatform.startWithWebFrontEnd("web-platform");
        }
        return platform;
    }

    static synchronized void stop() {
        if (platform != null) {
            platform.stop();
            platform = null;
        }
    }
}
