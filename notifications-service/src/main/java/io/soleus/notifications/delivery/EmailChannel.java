package io.soleus.notifications.delivery;

import java.nio.charset.StandardCharsets;

import io.soleus.notifications.NotificationsProperties;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.util.MailStreamProvider;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Email over SMTP: one mail with an HTML and a plain-text part rendered from the same letter. Its
 * Message-ID is made from the notification id, so the provider id in the delivery log names the
 * very mail in any mailbox or SMTP log.
 */
@Component
class EmailChannel {

    private static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

    static {
        // Jakarta Mail 2.1 looks its stream provider up with a ServiceLoader for every body part, multipart
        // and write (jakartaee/mail-api#699, #861): in a packaged service that scans the nested jars each
        // time, half of the service's CPU per mail. Named here, it is a Class.forName of a loaded class.
        if (System.getProperty(STREAM_PROVIDER) == null) {
            System.setProperty(STREAM_PROVIDER, MailStreamProvider.class.getName());
        }
    }

    private final JavaMailSender mail;
    private final ITemplateEngine templates;
    private final NotificationsProperties properties;

    EmailChannel(JavaMailSender mail, ITemplateEngine mailTemplates, NotificationsProperties properties) {
        this.mail = mail;
        this.templates = mailTemplates;
        this.properties = properties;
    }

    /**
     * Spring's sender reports three situations apart: no connection (nothing was sent), a failure of
     * the message (the server's reply code says whether to try again: 4xx yes, 5xx no; without one,
     * say a reply that never came after the data, the server may have the mail), and a failure to
     * close the connection after every mail was accepted (sent).
     */
    private static Outcome classify(MailSendException e, String messageId) {
        if (e.getFailedMessages().isEmpty()) {
            return new Outcome.Sent(messageId);
        }
        Exception failure = e.getFailedMessages().values().iterator().next();
        if ("Mail server connection failed".equals(e.getMessage())) {
            return new Outcome.Transient("the SMTP server could not be reached");
        }
        int code = failure instanceof SMTPAddressFailedException address ? address.getReturnCode()
                : failure instanceof SMTPSendFailedException send ? send.getReturnCode() : -1;
        if (code >= 400 && code < 500) {
            return new Outcome.Transient(code + " from the SMTP server");
        }
        if (code >= 500) {
            return new Outcome.Permanent(code + " from the SMTP server");
        }
        return new Outcome.Uncertain("the SMTP server's answer to the mail was lost");
    }

    Outcome send(Pending pending, Recipient recipient, Letter letter) {
        String messageId = "<" + pending.id() + "@soleus>";
        try {
            MimeMessage message = mail.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
            helper.setFrom(properties.getMailFrom());
            helper.setTo(recipient.email());
            helper.setSubject(letter.subject());
            Context context = new Context(letter.locale());
            context.setVariable("letter", letter);
            helper.setText(templates.process("mail/letter.txt", context), templates.process("mail/letter.html", context));
            message.saveChanges();
            message.setHeader("Message-ID", messageId);
            mail.send(message);
            return new Outcome.Sent(messageId);
        } catch (MailAuthenticationException | MailParseException | MailPreparationException e) {
            return new Outcome.Permanent(e.getClass().getSimpleName());
        } catch (MessagingException e) {
            return new Outcome.Permanent("the mail could not be built: " + e.getClass().getSimpleName());
        } catch (MailSendException e) {
            return classify(e, messageId);
        } catch (MailException e) {
            return new Outcome.Uncertain(e.getClass().getSimpleName());
        }
    }
}
