"""Every screen is drawn, is not blank, and keeps its text inside the window,
at the largest text size, in a small window too."""
import pygame
import pytest

from game.shells.window.screenshots import capture
from tests.shells.window.conftest import LATE, key, post


def distinct_colours(surface) -> int:
    small = pygame.transform.scale(surface, (160, 90))
    return len({small.get_at((x, y))[:3] for x in range(160) for y in range(90)})


def edge_is_background(surface, background) -> bool:
    w, h = surface.get_size()
    return all(surface.get_at((x, y))[:3] == background for x in (w - 2, w - 1) for y in range(0, h, 3))


def all_screens(app):
    from game.shells.window.scenes.debrief import DebriefScene
    from game.shells.window.scenes.handbook import HandbookScene
    from game.shells.window.scenes.scoreboard import ScoreboardScene
    from game.shells.window.scenes.select import SelectScene
    from game.shells.window.scenes.settings import SettingsScene
    from game.shells.window.scenes.title import TitleScene
    app.push(TitleScene(app))
    post(app)
    yield "title"
    app.push(SelectScene(app))
    post(app)
    yield "select"
    app.pop()
    app.top.play_file(LATE)
    post(app)
    yield "briefing"
    post(app, key(pygame.K_RETURN))
    yield "dialogue"
    post(app, key(pygame.K_1))
    yield "coaching"
    post(app, key(pygame.K_RETURN), key(pygame.K_ESCAPE))
    yield "pause"
    post(app, key(pygame.K_ESCAPE), key(pygame.K_2), key(pygame.K_RETURN), key(pygame.K_2), key(pygame.K_RETURN))
    assert app.top.phase == "ending"
    yield "ending"
    post(app, key(pygame.K_RETURN))
    assert isinstance(app.top, DebriefScene)
    yield "debrief"
    for scene in (HandbookScene(app), SettingsScene(app), ScoreboardScene(app, app.settings.player)):
        app.push(scene)
        post(app)
        yield scene.name


@pytest.mark.parametrize("size, text_size", [((1280, 720), "medium"), ((800, 600), "huge"), ((1280, 720), "huge")])
def test_screens_are_drawn_and_text_stays_inside(make_app, size, text_size):
    app = make_app(size=size, player="Fay", text_size=text_size)
    seen = []
    for name in all_screens(app):
        seen.append(name)
        surface = app.screen
        assert surface.get_size() == size
        assert distinct_colours(surface) > 6, f"{name} looks blank"
        if name != "pause":
            assert edge_is_background(surface, app.theme.c("bg")), f"{name}: something crosses the right edge"
        for button in getattr(app.top, "buttons", None).buttons if hasattr(app.top, "buttons") else []:
            assert button.rect.right <= size[0] and button.rect.left >= 0, f"{name}: {button.label} outside"
    assert seen == ["title", "select", "briefing", "dialogue", "coaching", "pause", "ending", "debrief", "handbook",
                    "settings", "scoreboard"]


def test_high_contrast_changes_the_palette(make_app):
    app = make_app(high_contrast=True)
    assert app.theme.c("bg") == (0, 0, 0)


def test_screenshot_driver_names_each_screen(tmp_path, saves, monkeypatch):
    code, files, message = capture(str(LATE), [1, 2, 2], str(tmp_path))
    assert code == 0 and message == ""
    assert [f.name for f in files] == ["01-briefing.png", "02-dialogue-step1.png", "03-coaching-step1.png",
                                       "04-dialogue-step2.png", "05-coaching-step2.png", "06-dialogue-step3.png",
                                       "07-coaching-step3.png", "08-ending.png", "09-debrief.png"]
    assert not (saves / "session.json").exists()  # a throwaway saves folder was used


def test_screenshot_driver_refuses_a_choice_not_shown(tmp_path, saves):
    code, files, message = capture(str(LATE), [1, 5], str(tmp_path), assess=True)
    assert code == 3 and "step 2" in message and "2 choices shown" in message


def test_partial_redraw_of_the_typewriter_matches_a_full_redraw(make_app):
    app = make_app(player="Gus", typewriter="slow")
    from game.shells.window.scenes.title import TitleScene
    app.push(TitleScene(app))
    app.top.play_file(LATE)
    post(app, key(pygame.K_RETURN))
    scene = app.top
    app.render()  # a full frame
    assert scene.draw_changes(app.screen) == []  # nothing moved: nothing drawn
    for _ in range(5):
        app.update(0.1)
        app.render()  # partial: only the speech panel
    assert not scene.typing_done
    partial = app.screen.copy()
    app.draw()
    assert pygame.image.tobytes(partial, "RGB") == pygame.image.tobytes(app.screen, "RGB")


def test_sound_on_without_an_audio_device_never_stops_the_game(make_app, monkeypatch):
    def broken(*args, **kwargs):
        raise pygame.error("no audio device")
    monkeypatch.setattr(pygame.mixer, "init", broken)
    monkeypatch.setattr(pygame.mixer, "get_init", lambda: None)
    app = make_app(player="Hal", sound=True)
    from game.shells.window.scenes.title import TitleScene
    app.push(TitleScene(app))
    app.top.play_file(LATE)
    post(app, key(pygame.K_RETURN), key(pygame.K_1))
    assert app.top.phase == "coach"
    assert any("No sound: the game could not find a speaker" in n[0] for n in app.notices)
    assert not any("no audio device" in n[0] for n in app.notices)  # SDL's words stay out of it


def test_sound_tones_are_valid_wav():
    import io
    import wave

    from game.shells.window.sound import TONES, _wav
    for notes in TONES.values():
        with wave.open(io.BytesIO(_wav(notes))) as w:
            assert w.getframerate() == 22050 and w.getnframes() > 500
