package io.soleus.treatment.exercise;

import java.net.URI;
import java.util.List;

import io.soleus.kernel.id.ExerciseId;
import io.soleus.platform.command.Commands;
import io.soleus.platform.command.Commands.Outcome;
import io.soleus.platform.command.IdempotencyKey;
import io.soleus.platform.security.CurrentUser;
import io.soleus.treatment.exercise.Exercise.AddExercise;
import io.soleus.treatment.exercise.ExerciseLibrary.LibraryExercise;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The exercise library: everyone signed in reads it; admins and therapists add to it. */
@RestController
@RequestMapping("/exercises")
@Tag(name = "Exercise library")
class ExerciseController {

    private final Commands commands;
    private final ExerciseLibrary library;

    ExerciseController(Commands commands, ExerciseLibrary library) {
        this.commands = commands;
        this.library = library;
    }

    record NewExercise(@NotBlank @Size(max = 120) String name, @NotBlank @Size(max = 2000) String description) {
    }

    record ExerciseCreated(ExerciseId exerciseId) {
    }

    @GetMapping
    @Operation(summary = "The exercises plans can prescribe")
    List<LibraryExercise> all() {
        return library.all();
    }

    @PostMapping
    @Operation(summary = "Add an exercise to the library")
    @ApiResponse(responseCode = "201", description = "Created; Location names it")
    ResponseEntity<ExerciseCreated> add(@Valid @RequestBody NewExercise exercise, IdempotencyKey key) {
        ExerciseId id = ExerciseId.random();
        Outcome<ExerciseCreated> created = commands.sendOnceAnswering(key, exercise,
                new AddExercise(id, exercise.name(), exercise.description(), CurrentUser.get().id()),
                new ExerciseCreated(id));
        return created.answer(HttpStatus.CREATED).location(URI.create("/exercises/" + created.result().exerciseId()))
                .body(created.result());
    }
}
