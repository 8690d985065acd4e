package io.soleus.notifications.delivery;

import java.nio.charset.StandardCharsets;

import io.soleus.notifications.NotificationsProperties;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.MimeMessage;
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

    private final JavaMailSender mail;
    private final ITemplateEngine templates;
    private final Letters letters;
    private final NotificationsProperties properties;

    EmailChannel(JavaMailSender mail, ITemplateEngine mailTemplates, Letters letters, NotificationsProperties properties) {
        this.mail = mail;
        this.templates = mailTemplates;
        this.letters = letters;
        this.properties = properties;
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
            context.setVariable("footer", letters.footer(letter, pending.clinicId()));
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
            if (e.getFailedMessages().values().stream().anyMatch(SendFailedException.class::isInstance)) {
                return new Outcome.Permanent("the SMTP server refused the address");
            }
            // the server could not be reached or refused for now; nothing was accepted, so sending again is safe
            return new Outcome.Transient(e.getClass().getSimpleName());
        } catch (MailException e) {
            return new Outcome.Transient(e.getClass().getSimpleName());
        }
    }
}
