package com.claimledger.web;

import com.claimledger.kernel.LedgerException;
import com.claimledger.kernel.LedgerException.FieldError;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.Globals;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A query parameter the endpoint does not know is refused with 400 naming it: a misspelled filter
 * ({@code subjct=}) silently ignored would answer everything, and a fact-checker would read it as the filtered answer.
 * What an endpoint knows is read from its handler method's {@code @RequestParam}s, so no controller repeats it.
 */
@Configuration
class KnownParameters implements WebMvcConfigurer, HandlerInterceptor {

    /** The parameters each handler method accepts; {@code *} when it takes them all (a {@code Map} parameter). */
    private final Map<Method, Set<String>> accepted = new ConcurrentHashMap<>();
    private final ParameterNameDiscoverer parameterNames = new DefaultParameterNameDiscoverer();

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        List<String> names = Collections.list(request.getParameterNames());
        if (request.getAttribute(Globals.PARAMETER_PARSE_FAILED_ATTR) != null) {
            // Tomcat drops a parameter it cannot decode (q=%ZZ) and carries on; the ledger does not guess.
            throw new LedgerException(LedgerException.Kind.BAD_REQUEST,
                    "the query string is malformed (an invalid %-escape or character); nothing was read from it",
                    List.of(new FieldError("query", "malformed")));
        }
        Set<String> known = accepted.computeIfAbsent(method.getMethod(), m -> namesOf(method));
        if (known.contains("*")) {
            return true;
        }
        List<FieldError> unknown = new ArrayList<>();
        for (String name : names) {
            if (!known.contains(name)) {
                unknown.add(new FieldError(name, "unknown parameter"));
            }
        }
        if (!unknown.isEmpty()) {
            String which = String.join(", ", unknown.stream().map(e -> "'" + e.field() + "'").toList());
            String accepts = known.isEmpty() ? "this endpoint accepts no query parameters"
                    : "this endpoint accepts " + String.join(", ", known);
            throw new LedgerException(LedgerException.Kind.BAD_REQUEST,
                    (unknown.size() == 1 ? "unknown parameter " : "unknown parameters ") + which + "; " + accepts,
                    unknown);
        }
        return true;
    }

    private Set<String> namesOf(HandlerMethod method) {
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < method.getMethod().getParameterCount(); i++) {
            MethodParameter parameter = new MethodParameter(method.getMethod(), i);
            parameter.initParameterNameDiscovery(parameterNames);
            RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
            if (param == null) {
                continue;
            }
            String name = StringUtils.hasText(param.name()) ? param.name()
                    : StringUtils.hasText(param.value()) ? param.value() : null;
            if (name == null && Map.class.isAssignableFrom(parameter.getParameterType())) {
                return Set.of("*");
            }
            name = name != null ? name : parameter.getParameterName();
            if (name != null) {
                names.add(name);
            }
        }
        return names;
    }
}
