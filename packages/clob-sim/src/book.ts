/**
 * Price levels of one book side, kept in the exchange's array order (bids
 * ascending, asks descending: the best level is last) with FIFO queues per level.
 * @module
 */
import type { Side } from '@clobkit/eip712-order'
import type { BookSide, PriceLevel, SimOrder } from './state.js'

export function createSide(side: Side): BookSide {
  return { side, levels: [], byPrice: new Map() }
}

export function remaining(o: SimOrder): bigint {
  return o.originalSize - o.sizeMatched
}

/** True when `a` is a better price than `b` on this side. */
function better(side: Side, a: number, b: number): boolean {
  return side === 'BUY' ? a > b : a < b
}

/** The best level, or undefined. */
export function best(book: BookSide): PriceLevel | undefined {
  return book.levels[book.levels.length - 1]
}

/** Appends `o` at the back of its price level's queue. */
export function insert(book: BookSide, o: SimOrder): void {
  let level = book.byPrice.get(o.priceMicros)
  if (!level) {
    level = { priceMicros: o.priceMicros, orders: [], head: 0, size: 0n }
    book.byPrice.set(o.priceMicros, level)
    // binary search: levels go from worst to best
    let lo = 0
    let hi = book.levels.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      const at = book.levels[mid] as PriceLevel
      if (better(book.side, o.priceMicros, at.priceMicros)) lo = mid + 1
      else hi = mid
    }
    book.levels.splice(lo, 0, level)
  }
  level.orders.push(o)
  level.size += remaining(o)
}

function dropLevel(book: BookSide, level: PriceLevel): void {
  book.byPrice.delete(level.priceMicros)
  const i = book.levels.lastIndexOf(level)
  if (i >= 0) book.levels.splice(i, 1)
}

/** Removes `o` (with its current remaining size) from the book, if present. */
export function remove(book: BookSide, o: SimOrder): void {
  const level = book.byPrice.get(o.priceMicros)
  if (!level) return
  const i = level.orders.indexOf(o, level.head)
  if (i < 0) return
  if (i === level.head) level.head++
  else level.orders.splice(i, 1)
  level.size -= remaining(o)
  compact(book, level)
}

/** Pops the front order of `level` after it was completely filled. */
export function popFront(book: BookSide, level: PriceLevel): void {
  level.head++
  compact(book, level)
}

function compact(book: BookSide, level: PriceLevel): void {
  if (level.head >= level.orders.length) {
    dropLevel(book, level)
    return
  }
  if (level.head > 32 && level.head * 2 > level.orders.length) {
    level.orders = level.orders.slice(level.head)
    level.head = 0
  }
}

/** Live orders of a level, front first. */
export function queue(level: PriceLevel): SimOrder[] {
  return level.orders.slice(level.head)
}
