package io.jenkins.plugins.slipway.cli;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a command, or a group of its options ({@code @Mixin}), whose option fields are request keys: each field is
 * named exactly as the key of the task's request it sets, and {@link Requests#bind} turns the fields that were given
 * into the request, with Jackson, in one generic way. Fields that are not request keys (the common options, the
 * {@code --request} file, a key file) carry {@code @JsonIgnore}; a group whose keys sit at the top level of the
 * request carries {@code @JsonUnwrapped}, any other group is the request's nested object of the same name.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@JacksonAnnotationsInside
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE, creatorVisibility = Visibility.NONE)
@JsonInclude(JsonInclude.Include.NON_NULL)
@interface RequestOptions {
}
