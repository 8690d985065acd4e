package io.soleus.deploy.local;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Where each part of the local platform listens. */
public record Ports(int kafka, int controller, int smtp, int inbox, int identity, int web, int postgres,
                    Map<String, Integer> services) {

    private static final Random RANDOM = new Random();
    private static final Set<Integer> GIVEN_OUT = ConcurrentHashMap.newKeySet();

    /** The ports the README names, for a developer's machine; PostgreSQL's is only used by a server of our own. */
    static Ports standard() {
        return new Ports(9092, 19093, 3025, 8025, 9000, 8080, 15432, services(8081, 8082, 8083));
    }

    /** Ports free right now, for a system test that must not meet a developer's running platform. */
    public static Ports free() {
        return new Ports(freePort(), freePort(), freePort(), freePort(), freePort(), freePort(), freePort(),
                services(freePort(), freePort(), freePort()));
    }

    private static Map<String, Integer> services(int booking, int treatment, int notifications) {
        Map<String, Integer> services = new LinkedHashMap<>();
        services.put("booking-service", booking);
        services.put("treatment-service", treatment);
        services.put("notifications-service", notifications);
        return services;
    }

    /**
     * A port free now, below Linux's ephemeral range (32768 on): a port from that range could be taken,
     * before its part starts, as the local end of some outgoing connection. A port is given out once per
     * JVM, so two parts never draw the same one before either has bound it.
     */
    static int freePort() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = 20000 + RANDOM.nextInt(12000);
            if (!GIVEN_OUT.add(port)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket(port)) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // another
            }
        }
        throw new IllegalStateException("no free port between 20000 and 32000");
    }
}
