"""Choosing categories and legal fields (lĩnh vực) on the page form: a searchable tree.

A plain multiple select lists "Hòa giải ở cơ sở" far from "Tư pháp", its parent, in an
alphabetical order an editor has to scroll. Here every option sits under its parent,
indented, and a search box (accent-blind: "hoa giai" finds "Hòa giải") keeps the
matching options and the parents they hang from.
"""

from django import forms

from vietnamese_text.folding import fold


def tree_path(instance) -> list:
    """The option and its ancestors, root first (a flat list such as categories: itself)."""
    ancestors_and_self = getattr(instance, "ancestors_and_self", None)
    return ancestors_and_self() if ancestors_and_self else [instance]


class TreeCheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    template_name = "articles/widgets/tree_chooser.html"

    class Media:
        js = ["articles/tree_chooser.js"]

    def optgroups(self, name, value, attrs=None):
        groups = super().optgroups(name, value, attrs)
        options = [option for _, group, _ in groups for option in group]
        for option in options:
            path = tree_path(option["value"].instance)
            option["path_names"] = [str(node.name) for node in path]
            option["label"] = option["path_names"][-1]
            option["tree_path"] = " › ".join(fold(name) for name in option["path_names"])
            option["tree_depth"] = len(path) - 1
        options.sort(key=lambda option: [fold(name) for name in option["path_names"]])
        for index, option in enumerate(options):
            option["index"] = str(index)
        return [(None, options, 0)]
