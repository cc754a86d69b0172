package io.contrastream.launcher;

import io.contrastream.config.Setting;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Option lists of commands that drive several parts (demo, bench, sweep): the union of the parts'
 * settings by name, minus those the command decides itself, plus its own. A later list's setting
 * replaces an earlier one of the same name, so a command can change a part's default.
 */
final class SettingLists {

    private final Map<String, Setting> byName = new LinkedHashMap<>();

    @SafeVarargs
    static SettingLists union(List<Setting>... lists) {
        SettingLists s = new SettingLists();
        for (List<Setting> list : lists) {
            for (Setting setting : list) {
                s.byName.putIfAbsent(setting.name(), setting);
            }
        }
        return s;
    }

    SettingLists without(Setting... decidedByTheCommand) {
        Arrays.stream(decidedByTheCommand).forEach(s -> byName.remove(s.name()));
        return this;
    }

    SettingLists without(Set<String> names) {
        names.forEach(byName::remove);
        return this;
    }

    /** Adds or replaces settings; {@code first} ones go to the top of {@code --help}. */
    SettingLists with(List<Setting> first, Setting... replacing) {
        for (Setting s : replacing) {
            byName.put(s.name(), s);
        }
        List<Setting> out = new ArrayList<>(first);
        byName.values().stream().filter(s -> !first.contains(s)).forEach(out::add);
        byName.clear();
        out.forEach(s -> byName.put(s.name(), s));
        return this;
    }

    List<Setting> list() {
        return List.copyOf(byName.values());
    }
}
