"""Small 3D vector and rotation helpers for the pose skeleton (degrees, right-handed, y up)."""

from __future__ import annotations

import math

Vec = tuple[float, float, float]
Mat = tuple[Vec, Vec, Vec]

IDENTITY: Mat = ((1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, 0.0, 1.0))


def add(a: Vec, b: Vec) -> Vec:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


def sub(a: Vec, b: Vec) -> Vec:
    return (a[0] - b[0], a[1] - b[1], a[2] - b[2])


def scale(a: Vec, k: float) -> Vec:
    return (a[0] * k, a[1] * k, a[2] * k)


def length(a: Vec) -> float:
    return math.sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2])


def lerp(a: float, b: float, t: float) -> float:
    return a + (b - a) * t


def apply(m: Mat, v: Vec) -> Vec:
    return (
        m[0][0] * v[0] + m[0][1] * v[1] + m[0][2] * v[2],
        m[1][0] * v[0] + m[1][1] * v[1] + m[1][2] * v[2],
        m[2][0] * v[0] + m[2][1] * v[1] + m[2][2] * v[2],
    )


def matmul(a: Mat, b: Mat) -> Mat:
    # Written out: this runs for every joint of every frame, so it is kept cheap.
    (a00, a01, a02), (a10, a11, a12), (a20, a21, a22) = a
    (b00, b01, b02), (b10, b11, b12), (b20, b21, b22) = b
    return (
        (a00 * b00 + a01 * b10 + a02 * b20, a00 * b01 + a01 * b11 + a02 * b21, a00 * b02 + a01 * b12 + a02 * b22),
        (a10 * b00 + a11 * b10 + a12 * b20, a10 * b01 + a11 * b11 + a12 * b21, a10 * b02 + a11 * b12 + a12 * b22),
        (a20 * b00 + a21 * b10 + a22 * b20, a20 * b01 + a21 * b11 + a22 * b21, a20 * b02 + a21 * b12 + a22 * b22),
    )


def rot_x(deg: float) -> Mat:
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    return ((1.0, 0.0, 0.0), (0.0, c, -s), (0.0, s, c))


def rot_y(deg: float) -> Mat:
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    return ((c, 0.0, s), (0.0, 1.0, 0.0), (-s, 0.0, c))


def rot_z(deg: float) -> Mat:
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    return ((c, -s, 0.0), (s, c, 0.0), (0.0, 0.0, 1.0))


def transpose(m: Mat) -> Mat:
    return ((m[0][0], m[1][0], m[2][0]), (m[0][1], m[1][1], m[2][1]), (m[0][2], m[1][2], m[2][2]))


def rot_about(axis: Vec, deg: float) -> Mat:
    """A turn of `deg` about the unit vector `axis`."""
    x, y, z = axis
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    k = 1.0 - c
    return (
        (c + x * x * k, x * y * k - z * s, x * z * k + y * s),
        (y * x * k + z * s, c + y * y * k, y * z * k - x * s),
        (z * x * k - y * s, z * y * k + x * s, c + z * z * k),
    )


def turned_between(a: Mat, b: Mat, t: float) -> Mat:
    """The rotation a share `t` of the way from `a` to `b`, turning about one axis the shortest way:
    what a limb does between two positions, where blending each angle on its own can swing it wide."""
    q = matmul(transpose(a), b)
    degrees = math.degrees(math.acos(max(-1.0, min(1.0, (q[0][0] + q[1][1] + q[2][2] - 1.0) / 2.0))))
    axis = (q[2][1] - q[1][2], q[0][2] - q[2][0], q[1][0] - q[0][1])
    norm = length(axis)
    if norm < 1e-9:
        return a if t < 0.5 or degrees < 1e-6 else b  # no turn, or half a turn about an axis it cannot name
    return matmul(a, rot_about(scale(axis, 1.0 / norm), degrees * t))


def along_segment(p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
    """How far along the line segment a-b (0 at a, 1 at b) its nearest point to p lies, in the plane."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    length2 = dx * dx + dy * dy
    return 0.0 if not length2 else max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2))


def distance_to_segment(p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
    """From a point to the nearest point of the line segment a-b, in the plane."""
    t = along_segment(p, a, b)
    return math.hypot(p[0] - a[0] - t * (b[0] - a[0]), p[1] - a[1] - t * (b[1] - a[1]))


def closest_between_segments(
    a: tuple[tuple[float, float], tuple[float, float]], b: tuple[tuple[float, float], tuple[float, float]]
) -> tuple[float, float, float]:
    """Where two line segments in the plane come closest: (distance, how far along a, how far along b),
    each from 0 at its start to 1 at its end; where they cross, the distance is 0."""
    (p, q), (r, s) = a, b
    d1, d2 = (q[0] - p[0], q[1] - p[1]), (s[0] - r[0], s[1] - r[1])
    denominator = d1[0] * d2[1] - d1[1] * d2[0]
    if abs(denominator) > 1e-9:
        w = (r[0] - p[0], r[1] - p[1])
        ta, tb = (w[0] * d2[1] - w[1] * d2[0]) / denominator, (w[0] * d1[1] - w[1] * d1[0]) / denominator
        if 0.0 <= ta <= 1.0 and 0.0 <= tb <= 1.0:
            return 0.0, ta, tb
    candidates = (
        (distance_to_segment(p, r, s), 0.0, along_segment(p, r, s)),
        (distance_to_segment(q, r, s), 1.0, along_segment(q, r, s)),
        (distance_to_segment(r, p, q), along_segment(r, p, q), 0.0),
        (distance_to_segment(s, p, q), along_segment(s, p, q), 1.0),
    )
    return min(candidates)
