"""A river network to follow: WDBII river lines as a graph, shortest paths along it."""

from __future__ import annotations

import heapq
import itertools

import shapely
from shapely.geometry import Point
from shapely.ops import substring, unary_union

from borders.geodesy import GEOD

__all__ = ["RiverNetwork", "SnapError"]


class SnapError(ValueError):
    """A point lies further from every river than the snapping distance allows."""


def _key(xy) -> tuple[float, float]:
    return (round(xy[0], 7), round(xy[1], 7))


class RiverNetwork:
    """River lines noded into a graph, to follow a river between two points.

    Parameters
    ----------
    lines : list of LineString
        River courses in lon/lat; they are noded where they meet.

    Examples
    --------
    A river running east with a tributary from the north:

    >>> from shapely.geometry import LineString
    >>> net = RiverNetwork([LineString([(24.0, 54.0), (24.5, 54.0), (25.0, 54.0)]),
    ...                     LineString([(24.5, 54.4), (24.5, 54.0)])])
    >>> path = net.follow((24.1, 54.0), (24.5, 54.3), max_snap_m=100)
    >>> path[0], path[1], path[-1]
    ((24.1, 54.0), (24.5, 54.0), (24.5, 54.3))
    """

    def __init__(self, lines):
        noded = unary_union(list(lines))
        self.edges = list(getattr(noded, "geoms", [noded]))
        self.tree = shapely.STRtree(self.edges)
        # One edge per pair of nodes, the last one added winning, as in a simple graph.
        self.adjacency: dict = {}
        for i, edge in enumerate(self.edges):
            self._link(self.adjacency, _key(edge.coords[0]), _key(edge.coords[-1]), {"index": i, "weight": edge.length})

    @staticmethod
    def _link(adjacency, u, v, data):
        adjacency.setdefault(u, {})[v] = data
        adjacency.setdefault(v, {})[u] = data

    def snap(self, lonlat, max_m: float):
        """The nearest point of the network: (edge index, distance along it, point, gap in metres)."""
        pt = Point(lonlat)
        i = int(self.tree.nearest(pt))
        edge = self.edges[i]
        d = edge.project(pt)
        on = edge.interpolate(d)
        gap = GEOD.inv(lonlat[0], lonlat[1], on.x, on.y)[2]
        if gap > max_m:
            raise SnapError(f"{gap:,.0f} m from the nearest river, more than the {max_m:,.0f} m max_snap allows")
        return i, d, (on.x, on.y), gap

    def follow(self, start, end, *, max_snap_m: float) -> list[tuple[float, float]]:
        """Coordinates along the rivers from ``start`` to ``end``, both snapped to the network.

        Raises
        ------
        SnapError
            If either point is further than ``max_snap_m`` metres from every river, or
            no river path joins them.
        """
        snapped = []
        for which, point in (("start", start), ("end", end)):
            try:
                snapped.append(self.snap(point, max_snap_m))
            except SnapError as err:
                raise SnapError(f"its {which} is {err}") from None
        (i, di, p0, _), (j, dj, p1, _) = snapped
        if i == j:
            return [p0] + list(substring(self.edges[i], di, dj).coords)[1:-1] + [p1]
        adjacency = {u: dict(vs) for u, vs in self.adjacency.items()}
        where = {}
        for node, idx, dist, xy in (("start", i, di, p0), ("end", j, dj, p1)):
            edge = self.edges[idx]
            where[node] = xy
            self._link(adjacency, node, _key(edge.coords[0]), {"weight": dist, "geom": substring(edge, dist, 0.0)})
            self._link(adjacency, node, _key(edge.coords[-1]),
                       {"weight": edge.length - dist, "geom": substring(edge, dist, edge.length)})
        path = _shortest_path(adjacency, "start", "end")
        coords = [p0]
        for u, v in itertools.pairwise(path):
            data = adjacency[u][v]
            seg = list((data["geom"] if "geom" in data else self.edges[data["index"]]).coords)
            u_xy = where.get(u, u)
            if Point(seg[-1]).distance(Point(u_xy)) < Point(seg[0]).distance(Point(u_xy)):
                seg.reverse()
            coords.extend(seg[1:])
        coords[-1] = p1
        return coords


def _shortest_path(adjacency, source, target) -> list:
    """Dijkstra's shortest path by the edges' ``weight``."""
    best = {source: 0.0}
    previous = {}
    counter = itertools.count()  # never compare nodes of different types on ties
    queue = [(0.0, next(counter), source)]
    done = set()
    while queue:
        dist, _, node = heapq.heappop(queue)
        if node in done:
            continue
        if node == target:
            break
        done.add(node)
        for other, data in adjacency.get(node, {}).items():
            candidate = dist + data["weight"]
            if other not in best or candidate < best[other]:
                best[other] = candidate
                previous[other] = node
                heapq.heappush(queue, (candidate, next(counter), other))
    if target not in best:
        raise SnapError("no river path joins the two points")
    path = [target]
    while path[-1] != source:
        path.append(previous[path[-1]])
    return path[::-1]
