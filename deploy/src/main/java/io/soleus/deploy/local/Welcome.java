package io.soleus.deploy.local;

import java.nio.file.Path;

/** What the launcher says once everything runs: the one address to open, the demo sign-ins, and the parts for developers. */
final class Welcome {

    private final Ports ports;
    private final String database;
    private final Path logs;

    Welcome(Ports ports, String database, Path logs) {
        this.ports = ports;
        this.database = database;
        this.logs = logs;
    }

    void print(DemoData.Written written) {
        String signIns = written == null ? "  none: no demo data (--keep or --no-demo); create an account on the sign-in page"
                : String.join("\n",
                        "  admin       " + written.adminEmail(),
                        "  therapist   " + written.referenceTherapist().email() + "   (the reference case's; also "
                                + String.join(", ", written.therapists().stream().skip(1).map(DemoData.Therapist::email).toList()) + ")",
                        "  client      " + written.referenceClientEmail() + "   (Riley Runner, the reference case; or create an account)",
                        "  password    " + written.password() + "   (every demo sign-in's, made for this run)");
        String data = written == null ? "" : "\nDemo data:\n  " + String.join("\n  ", written.summary()) + "\n";
        System.out.println("""

                Soleus is running: open http://localhost:%d

                Sign in as:
                %s
                %s
                For developers:
                  booking        http://localhost:%d/swagger-ui.html
                  treatment      http://localhost:%d/swagger-ui.html
                  notifications  http://localhost:%d/swagger-ui.html
                  identity       http://localhost:%d/.well-known/openid-configuration
                  mail inbox     http://localhost:%d  (GreenMail API: /api/user/<address>/messages/INBOX)
                  Kafka          localhost:%d
                  PostgreSQL     %s
                  logs           %s

                Ctrl-C stops everything.
                """.formatted(ports.web(), signIns, data, ports.services().get("booking-service"),
                ports.services().get("treatment-service"), ports.services().get("notifications-service"), ports.identity(),
                ports.inbox(), ports.kafka(), database, logs));
    }
}
