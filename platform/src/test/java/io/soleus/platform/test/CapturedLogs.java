package io.soleus.platform.test;

import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

/** Every log line the JVM writes while open, message and exceptions, to look for what must never be logged. */
public final class CapturedLogs implements AutoCloseable {

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    public CapturedLogs() {
        appender.start();
        root.addAppender(appender);
    }

    /** Each captured line with its exceptions' messages, as one text per line. */
    public List<String> lines() {
        synchronized (appender) {
            return List.copyOf(appender.list).stream().map(CapturedLogs::text).toList();
        }
    }

    public List<String> linesContaining(List<String> secrets) {
        return lines().stream().filter(line -> secrets.stream().anyMatch(line::contains)).toList();
    }

    /** As {@link #linesContaining(List)}, leaving out the lines of loggers under {@code ignored} (a test's own SMTP server). */
    public List<String> linesContaining(List<String> secrets, String ignored) {
        synchronized (appender) {
            return List.copyOf(appender.list).stream().filter(event -> !event.getLoggerName().startsWith(ignored))
                    .map(CapturedLogs::text).filter(line -> secrets.stream().anyMatch(line::contains)).toList();
        }
    }

    private static String text(ILoggingEvent event) {
        StringBuilder text = new StringBuilder(event.getFormattedMessage());
        for (IThrowableProxy cause = event.getThrowableProxy(); cause != null; cause = cause.getCause()) {
            text.append(" | ").append(cause.getClassName()).append(": ").append(cause.getMessage());
        }
        event.getMDCPropertyMap().values().forEach(value -> text.append(' ').append(value));
        return text.toString();
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }
}
