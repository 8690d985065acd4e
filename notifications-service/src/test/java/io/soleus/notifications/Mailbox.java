package io.soleus.notifications;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

/** A real SMTP server in the test JVM (GreenMail) and the mails it accepted, read the way a mail client would. */
public final class Mailbox {

    private static final GreenMail SERVER = start();

    private Mailbox() {
    }

    /** One received mail: its envelope and both of its bodies. */
    public record Mail(String to, String from, String subject, String messageId, String text, String html) {
    }

    public static int port() {
        return SERVER.getSmtp().getPort();
    }

    public static List<Mail> to(String address) {
        return Arrays.stream(SERVER.getReceivedMessages()).map(Mailbox::read)
                .filter(mail -> mail.to().equalsIgnoreCase(address)).toList();
    }

    private static Mail read(MimeMessage message) {
        try {
            StringBuilder text = new StringBuilder();
            StringBuilder html = new StringBuilder();
            collect(message, text, html);
            return new Mail(message.getRecipients(Message.RecipientType.TO)[0].toString(), message.getFrom()[0].toString(),
                    message.getSubject(), message.getMessageID(), text.toString(), html.toString());
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("A received mail does not read", e);
        }
    }

    private static void collect(Part part, StringBuilder text, StringBuilder html) throws MessagingException, IOException {
        if (part.isMimeType("text/plain")) {
            text.append(part.getContent());
        } else if (part.isMimeType("text/html")) {
            html.append(part.getContent());
        } else if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                collect(child, text, html);
            }
        }
    }

    private static GreenMail start() {
        GreenMail server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        return server;
    }
}
