"""The number being read: a state machine over atoms, one named step per kind of atom.

``Group.take(atom, waw, next_atom)`` adds an atom when the grammar allows it and says False when the
number ends before it. A step only changes the state when it accepts the atom.
"""

from __future__ import annotations

from ..lang.ar.letters import ALEF, ARTICLE
from .atoms import Atom

TEEN_KINDS = ("unit", "teen_only")  # the first word of a teen: ثلاثة عشر، أحد عشر


class Group:
    """A running total of finished groups (before a multiplier) and the current group."""

    def __init__(self) -> None:
        self.atoms: list[Atom] = []
        self.total = 0.0
        self.h = self.u = self.t = 0.0  # hundreds, units, tens of the current group
        self.digits: float | None = None  # the current group written in digits
        self.last_mult: float | None = None
        self.teen_needed = False  # أحد / إحدى wait for عشر
        self.closed = False  # after ونصف, or a definite number word: nothing more joins
        self.definite_teen = False  # الخمسة may still take عشر

    @property
    def group_empty(self) -> bool:
        return self.digits is None and not (self.h or self.u or self.t)

    @property
    def group_value(self) -> float:
        return self.digits if self.digits is not None else self.h + self.u + self.t

    def value(self) -> float | None:
        if not self.atoms or self.teen_needed:
            return None
        if self.atoms[-1].kind == "fraction" and len(self.atoms) == 1:
            return None
        v = self.total + self.group_value
        return v if v > 0 else None

    def take(self, atom: Atom, waw: bool, next_atom: Atom | None) -> bool:
        """Add ``atom`` if the grammar allows; False means the number ends before it."""
        if self.closed:
            accepted = self._after_close(atom, waw)
        elif atom.definite:
            return not self.atoms and self._start_definite(atom)
        elif self.atoms and self.atoms[0].definite and self.atoms[0].kind != "digits":
            return False  # الثلاثة closes at once; الـ10 آلاف goes on
        elif self.teen_needed and atom.kind != "ten_word":
            return False
        else:
            step = _STEPS.get(atom.kind)
            accepted = step is not None and step(self, atom, waw, next_atom)
        if accepted:
            self.atoms.append(atom)
        return accepted

    def _after_close(self, atom: Atom, waw: bool) -> bool:
        """Only a definite teen or compound goes on: الاثني عشر، الخمس والعشرين."""
        if self.definite_teen and atom.kind == "ten_word" and not waw and not atom.prefix:
            self.t, self.definite_teen, self.teen_needed = 10, False, False  # الاثني عشر
            return True
        if self.definite_teen and atom.kind == "ten" and waw and atom.prefix.endswith(ARTICLE):
            self.t, self.definite_teen = atom.value, False  # الخمس والعشرين: a definite compound
            return True
        if atom.kind == "multiplier" and not waw and not atom.prefix and self.atoms[0].kind in ("hundred", "ten"):
            self.definite_teen = False  # مبلغ المئة مليار، العشرين مليونا: a definite group times a multiplier
            return self._multiplier(atom, waw, None)
        return False

    def _start_definite(self, atom: Atom) -> bool:
        """A number word with the article closes at once (الثمانية); digits after it go on (الـ10 آلاف)."""
        if atom.kind == "digits":
            self.atoms.append(atom)
            self.digits = atom.value  # الـ10 آلاف: multipliers may still follow
            return True
        if atom.kind not in ("unit", "teen_only", "ten_word", "ten", "hundred"):
            return False  # (الأعوام المئة: a definite hundred counts too)
        self.atoms.append(atom)
        if atom.kind in TEEN_KINDS:
            self.u = atom.value
            self.definite_teen = True
            self.teen_needed = atom.kind == "teen_only"
        else:
            self.t = atom.value
        self.closed = True
        return True

    def _digits(self, atom: Atom, waw: bool, next_atom: Atom | None) -> bool:
        """Digits start a number, or follow a larger multiplier after و (مليون و200 ألف)."""
        if not self.group_empty:
            return False
        if self.atoms and not (waw and self.last_mult is not None and atom.value < self.last_mult):
            return False
        if self.atoms and _same_scale_follows(atom, next_atom, self.last_mult):
            return False  # 50 ألفا و60 ألف: a second amount of the same scale, not 50,060
        self.digits = atom.value
        return True

    def _unit(self, atom: Atom, waw: bool, next_atom: Atom | None) -> bool:
        """1-9 (or أحد / إحدى, which need عشر): first in a group or after hundreds and و."""
        if self.digits is not None or self.u or self.t or (self.h and not waw):
            return False
        if self.atoms and self.group_empty and not waw:
            return False
        self.u = atom.value
        self.teen_needed = atom.kind == "teen_only"
        return True

    def _ten_word(self, atom: Atom, waw: bool, next_atom: Atom | None) -> bool:
        """عشرة / عشر: the teen part after a unit (ثلاثة عشر), or ten on its own."""
        if self.u and not self.t and not waw and self.digits is None:
            self.t = 10  # teen: ثلاثة عشر
            self.teen_needed = False
            return True
        empty = self.group_empty
        if (empty and (not self.atoms or waw)) or (self.h and waw and not self.u and not self.t):
            self.t = 10
            return True
        return False

    def _ten(self, atom: Atom, waw: bool, next_atom: Atom | None) -> bool:
        """20-90: alone, or after a unit or hundreds with و (خمسة وعشرون)."""
        empty = self.group_empty
        if self.t or self.digits is not None or (not empty and not waw) or (empty and self.atoms and not waw):
            return False
        self.t = atom.value
        return True

    def _hundred(self, atom: Atom, waw: bool, next_atom: Atom | None) -> bool:
        """مئة، مئتان ...: first in a group, or ثلاث مئة (a unit times one hundred)."""
        if self.group_empty and (not self.atoms or waw):
            self.h = atom.value
            return True
        if self.u and not self.t and not self.h and not waw and self.digits is None and atom.value == 100:
            self.h, self.u = self.u * 100, 0  # ثلاث مئة
            return True
        return False

    def _multiplier(self, atom: Atom, waw: bool, next_atom: Atom | None) -> bool:
        """ألف، مليون (and آلاف after 3-10): multiplies the group before it; alone it means one."""
        if self.last_mult is not None and atom.value >= self.last_mult:
            return False
        g = self._multiplied_group(atom, waw)
        if g is None:
            return False
        self.total += g * atom.value
        self.h = self.u = self.t = 0
        self.digits = None
        self.last_mult = atom.value
        return True

    def _multiplied_group(self, atom: Atom, waw: bool) -> float | None:
        """What the multiplier multiplies, or None when it cannot join here."""
        if self.group_empty:
            if atom.kind == "plural_multiplier" or (self.atoms and not waw):
                return None  # آلاف alone: vague
            return 2.0 if atom.core.endswith(ALEF) and not self.atoms else 1.0  # ألفا جندي: two thousand
        if waw:
            return None
        g = self.group_value
        if atom.kind == "plural_multiplier" and self.digits is None and not 3 <= g <= 10:
            return None
        return g

    def _dual_multiplier(self, atom: Atom, waw: bool, next_atom: Atom | None) -> bool:
        """ألفين، مليوني: two of the multiplier, first or after a larger one with و."""
        v = atom.value
        if not self.group_empty or (self.atoms and not (waw and self.last_mult and v < self.last_mult)):
            return False
        self.total += v
        self.last_mult = v / 2
        return True

    def _fraction(self, atom: Atom, waw: bool, next_atom: Atom | None) -> bool:
        """ونصف after a multiplier adds that share of it (مليون ونصف); نصف before one halves it."""
        if waw and self.group_empty and self.last_mult is not None:
            self.total += atom.value * self.last_mult
            self.closed = True
            return True
        if not self.atoms and next_atom is not None and next_atom.kind == "multiplier":
            self.digits = atom.value  # نصف مليون
            return True
        return False


def _same_scale_follows(atom: Atom, next_atom: Atom | None, last_mult: float | None) -> bool:
    """A multiplier right after ``atom`` at least as large as the last one: a second amount."""
    return (
        next_atom is not None
        and "multiplier" in next_atom.kind
        and next_atom.value >= last_mult
        and next_atom.start - atom.end <= 2
    )


_STEPS = {
    "digits": Group._digits,
    "unit": Group._unit,
    "teen_only": Group._unit,
    "ten_word": Group._ten_word,
    "ten": Group._ten,
    "hundred": Group._hundred,
    "multiplier": Group._multiplier,
    "plural_multiplier": Group._multiplier,
    "dual_multiplier": Group._dual_multiplier,
    "fraction": Group._fraction,
}
