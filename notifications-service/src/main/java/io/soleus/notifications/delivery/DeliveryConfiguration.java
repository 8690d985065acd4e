package io.soleus.notifications.delivery;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.soleus.notifications.NotificationsProperties;
import io.soleus.notifications.planning.Notifications;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/** The delivery task and the mail templates. */
@Configuration(proxyBeanMethods = false)
class DeliveryConfiguration {

    /**
     * The db-scheduler task behind every delivery. An execution that dies with an error (not a
     * channel's failure nor an exception, which {@link Delivery} records itself) runs again after the
     * first backoff, then after doubling waits; one whose instance died is revived by another instance
     * once its heartbeat is stale. Either way the delivery finds its row as the crash left it.
     */
    @Bean
    CustomTask<Void> deliverNotification(Delivery delivery, NotificationsProperties properties) {
        return Tasks.custom(Notifications.DELIVER)
                .onFailure(new FailureHandler.ExponentialBackoffFailureHandler<>(properties.getRetry().getFirstBackoff()))
                .onDeadExecutionRevive()
                .execute(delivery::execute);
    }

    /** Thymeleaf for mails: {@code templates/mail/*.html} in HTML mode, {@code *.txt} in text mode, words from the message source. */
    @Bean
    ITemplateEngine mailTemplates(MessageSource messageSource) {
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.addTemplateResolver(resolver(TemplateMode.HTML, "*.html", 1));
        engine.addTemplateResolver(resolver(TemplateMode.TEXT, "*.txt", 2));
        engine.setTemplateEngineMessageSource(messageSource);
        return engine;
    }

    private static ClassLoaderTemplateResolver resolver(TemplateMode mode, String pattern, int order) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/");
        resolver.setTemplateMode(mode);
        resolver.setResolvablePatterns(Set.of(pattern));
        resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
        resolver.setOrder(order);
        resolver.setCacheable(true);
        return resolver;
    }
}
