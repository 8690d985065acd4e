package io.soleus.platform.command;

import org.springframework.core.MethodParameter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Gives a controller method its {@link IdempotencyKey}: the header's value, owned by the authenticated caller. */
class IdempotencyKeyArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == IdempotencyKey.class;
    }

    @Override
    public IdempotencyKey resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
                                          NativeWebRequest request, WebDataBinderFactory binders) {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        if (caller == null) {
            throw new IllegalStateException("An Idempotency-Key belongs to a caller, and this request has none");
        }
        return new IdempotencyKey(caller.getName(), request.getHeader(Commands.IDEMPOTENCY_KEY));
    }
}
